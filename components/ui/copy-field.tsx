"use client";

import { CopyIcon } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/** A read-only value with a Copy button: new tokens, invite links. */
export function CopyField({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 flex gap-2">
      <Input
        readOnly
        value={value}
        aria-label={label}
        className="font-mono text-xs"
        onFocus={(event) => event.currentTarget.select()}
      />
      <Button
        type="button"
        variant="secondary"
        onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
      >
        <CopyIcon aria-hidden /> {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}
