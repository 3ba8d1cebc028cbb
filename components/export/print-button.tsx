"use client";

import { PrinterIcon } from "lucide-react";

import { Button } from "@/components/ui/button";

export function PrintButton() {
  return (
    <Button onClick={() => window.print()}>
      <PrinterIcon aria-hidden /> Print or save as PDF
    </Button>
  );
}
