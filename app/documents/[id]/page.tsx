import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { ReadingSurface } from "@/components/annotations/reading-surface";
import { ReviseDialog } from "@/components/reader/revise-dialog";
import { AnnotationFilters } from "@/components/annotations/annotation-filters";
import { listAnnotations } from "@/lib/server/annotations/list-annotations";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { getDocumentOrThrow } from "@/lib/server/documents/get-document";
import { orNotFound, pageId } from "@/lib/server/http/page";
import { listTags } from "@/lib/server/tags/manage-tags";
import { getWorkspaceOrThrow } from "@/lib/server/workspaces/get-workspace";
import { annotationFiltersSchema } from "@/lib/shared/schemas/annotation";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function load(params: Props["params"]) {
  const id = pageId((await params).id);
  const actor = await requirePageActor(`/documents/${id}`);
  const document = await orNotFound(() => getDocumentOrThrow(actor, id));
  return { actor, document };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  return { title: (await load(params)).document.title };
}

// The reader: the article, everyone's highlights and the margin. Filters live in the URL, so a
// filtered view can be shared.
export default async function ReaderPage({ params, searchParams }: Props) {
  await connection();
  const { actor, document } = await load(params);
  const parsed = annotationFiltersSchema.safeParse(await searchParams);
  const filters = parsed.success ? parsed.data : annotationFiltersSchema.parse({});
  const [workspace, annotations, tags] = await Promise.all([
    getWorkspaceOrThrow(actor, document.workspaceId),
    // The page shows them all (thousands are fine: they are painted, not rendered as elements).
    listAnnotations(actor, document.id, { ...filters, limit: 10_000, cursor: undefined }),
    listTags(actor, document.workspaceId),
  ]);
  return (
    <div className="mx-auto max-w-[44rem] px-5 py-8 pb-24 sm:px-8 sm:py-12 lg:max-w-6xl">
      <nav
        aria-label="Breadcrumb"
        className="mb-6 flex items-center justify-between gap-2 text-sm"
        data-no-print
      >
        <Link
          href={`/workspaces/${workspace.id}`}
          className="text-muted hover:text-ink inline-flex items-center gap-1.5"
        >
          <ArrowLeftIcon className="size-4" aria-hidden /> {workspace.name}
        </Link>
        {document.abilities.revise && (
          <ReviseDialog documentId={document.id} title={document.title} text={document.text} />
        )}
      </nav>
      <ReadingSurface
        // New filters, new list: the surface starts over from the server's answer.
        key={JSON.stringify(filters)}
        workspaceId={workspace.id}
        document={{
          id: document.id,
          title: document.title,
          text: document.text,
          blocks: document.blocks,
          source: document.source,
          wordCount: document.wordCount,
          revisionNumber: document.revisionNumber,
        }}
        annotations={annotations.items}
        tags={tags}
        canAnnotate={document.abilities.annotate}
        filters={
          <AnnotationFilters
            documentId={document.id}
            tags={tags}
            active={filters}
            userId={actor.userId}
          />
        }
      />
    </div>
  );
}
