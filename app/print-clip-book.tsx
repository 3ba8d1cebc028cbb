import { ArrowLeftIcon } from "lucide-react";
import { headers } from "next/headers";
import Link from "next/link";
import { connection } from "next/server";

import { ClipBook } from "@/components/export/clip-book";
import { PrintButton } from "@/components/export/print-button";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { readClipBook } from "@/lib/server/export/read-clip-book";
import { orNotFound, pageId } from "@/lib/server/http/page";
import { publicBaseUrl } from "@/lib/server/http/origin";
import { exportQueryInput, exportQuerySchema } from "@/lib/shared/schemas/export";

// The clip book's print view, for a document (/documents/{id}/print) or a workspace
// (/workspaces/{id}/print): what the Export dialog's "print or PDF" opens, with the same
// filters as the downloads.
export async function PrintClipBook({
  scope,
  params,
  searchParams,
}: {
  scope: "documents" | "workspaces";
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const id = pageId((await params).id);
  const actor = await requirePageActor(`/${scope}/${id}/print`);
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams))
    for (const item of [value ?? []].flat()) search.append(name, item);
  const query = exportQuerySchema.safeParse(exportQueryInput(search));
  const backHref = `/${scope}/${id}`;
  const target = scope === "documents" ? { documentId: id } : { workspaceId: id };
  const book = query.success
    ? await orNotFound(async () =>
        readClipBook(actor, target, query.data, publicBaseUrl(await headers())),
      )
    : null;
  return (
    <div className="mx-auto max-w-3xl px-5 py-8 sm:px-8">
      <nav className="mb-6 flex items-center justify-between gap-2 text-sm" data-no-print>
        <Link
          href={backHref}
          className="text-muted hover:text-ink inline-flex items-center gap-1.5"
        >
          <ArrowLeftIcon className="size-4" aria-hidden /> Back to the{" "}
          {scope === "documents" ? "document" : "library"}
        </Link>
        {book && <PrintButton />}
      </nav>
      {book ? (
        <ClipBook book={book} backHref={backHref} />
      ) : (
        <p role="alert">
          These export settings are not valid: {query.error?.issues[0]?.message}.{" "}
          <Link href={backHref} className="text-accent underline">
            Back
          </Link>
        </p>
      )}
    </div>
  );
}
