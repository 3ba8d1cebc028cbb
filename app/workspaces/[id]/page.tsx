import { FileTextIcon, TagsIcon, UsersIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { ExportDialog } from "@/components/export/export-dialog";
import { ImportDialog } from "@/components/export/import-dialog";
import { Button } from "@/components/ui/button";
import { AddDocumentDialog } from "@/components/workspaces/add-document-dialog";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { listDocuments } from "@/lib/server/documents/list-documents";
import { env } from "@/lib/server/env";
import { orNotFound, pageId } from "@/lib/server/http/page";
import { listTags } from "@/lib/server/tags/manage-tags";
import { listMembers } from "@/lib/server/workspaces/list-members";
import { getWorkspaceOrThrow } from "@/lib/server/workspaces/get-workspace";

import { addDocumentAction } from "./actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ cursor?: string }> };

export const metadata: Metadata = { title: "Library" };

export default async function LibraryPage({ params, searchParams }: Props) {
  await connection();
  const workspaceId = pageId((await params).id);
  const actor = await requirePageActor(`/workspaces/${workspaceId}`);
  const workspace = await orNotFound(() => getWorkspaceOrThrow(actor, workspaceId));
  const { cursor } = await searchParams;
  const [documents, tags, members] = await Promise.all([
    orNotFound(() => listDocuments(actor, { workspaceId, page: { limit: 50, cursor } })),
    listTags(actor, workspaceId),
    listMembers(actor, workspaceId),
  ]);

  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6 sm:py-12">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-muted text-sm">{workspace.kind === "class" ? "Class" : "Team"}</p>
          <h1 className="font-serif text-3xl font-semibold tracking-tight">{workspace.name}</h1>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="secondary">
            <Link href={`/workspaces/${workspace.id}/members`}>
              <UsersIcon aria-hidden /> Members · {workspace.memberCount}
            </Link>
          </Button>
          <Button asChild variant="secondary">
            <Link href={`/workspaces/${workspace.id}/tags`}>
              <TagsIcon aria-hidden /> Tags
            </Link>
          </Button>
          <ExportDialog
            scopePath={`/workspaces/${workspace.id}`}
            scopeLabel="the workspace's annotations"
            tags={tags.map((tag) => ({ name: tag.name, count: tag.count }))}
            authors={members.map((member) => ({ id: member.userId, name: member.name }))}
          />
          <ImportDialog workspaceId={workspace.id} />
          {workspace.abilities.addDocuments && (
            <AddDocumentDialog
              action={addDocumentAction.bind(null, workspace.id)}
              maxBytes={env().GLOSSA_MAX_UPLOAD_BYTES}
            />
          )}
        </div>
      </div>

      <h2 className="sr-only">Documents</h2>
      {documents.items.length === 0 ? (
        <p className="border-line text-muted mt-10 rounded-xl border border-dashed p-8 text-center">
          No documents yet.{" "}
          {workspace.abilities.addDocuments
            ? "Add one to start reading together."
            : "Owners and moderators add them."}
        </p>
      ) : (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2" aria-label="Documents">
          {documents.items.map((document) => (
            <li
              key={document.id}
              className="border-line rounded-xl border bg-white shadow-xs transition-shadow hover:shadow-md"
            >
              <Link href={`/documents/${document.id}`} className="block h-full p-5">
                <h3 className="flex items-start gap-2 font-serif text-lg leading-snug font-semibold">
                  <FileTextIcon className="text-muted mt-1 size-4 shrink-0" aria-hidden />
                  {document.title}
                </h3>
                <p className="text-muted mt-1 text-xs">
                  {[
                    document.source.publisher ??
                      (document.source.url ? new URL(document.source.url).hostname : null),
                    `${document.wordCount.toLocaleString("en")} words`,
                    `added ${new Date(document.createdAt).toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" })}`,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <p className="text-ink/80 mt-3 line-clamp-3 font-serif text-[0.95rem] leading-relaxed">
                  {document.excerpt}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {documents.nextCursor && (
        <div className="mt-8 text-center">
          <Link
            href={`?cursor=${encodeURIComponent(documents.nextCursor)}`}
            className="text-accent underline underline-offset-2 hover:no-underline"
          >
            Older documents
          </Link>
        </div>
      )}
    </div>
  );
}
