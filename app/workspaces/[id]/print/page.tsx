import type { Metadata } from "next";

import { PrintClipBook } from "@/app/print-clip-book";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Clip book" };

export default function PrintPage({ params, searchParams }: Props) {
  return <PrintClipBook scope="workspaces" params={params} searchParams={searchParams} />;
}
