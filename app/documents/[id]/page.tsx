import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { cache } from "react";

import { ReadingSurface } from "@/components/annotations/reading-surface";
import { ReviseDialog } from "@/components/reader/revise-dialog";
import { AnnotationFilters } from "@/components/annotations/annotation-filters";
import { ExportDialog } from "@/components/export/export-dialog";
import { listAnnotationAuthors } from "@/lib/server/annotations/list-annotation-authors";
import { documentEventSeq } from "@/lib/server/live/document-event-seq";
import { listReaderAnnotations } from "@/lib/server/annotations/list-reader-annotations";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { getDocumentOrThrow } from "@/lib/server/documents/get-document";
import { orNotFound, pageId } from "@/lib/server/http/page";
import { listTags } from "@/lib/server/tags/manage-tags";
import { getWorkspaceOrThrow } from "@/lib/server/workspaces/get-workspace";
import { listMembers } from "@/lib/server/workspaces/list-members";
import { annotationFiltersSchema } from "@/lib/shared/schemas/annotation";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Metadata and page share one load per request.
const loadDocument = cache(async (id: string) => {
  const actor = await requirePageActor(`/documents/${id}`);
  const document = await orNotFound(() => getDocumentOrThrow(actor, id));
  return { actor, document };
});

async function load(params: Props["params"]) {
  return loadDocument(pageId((await params).id));
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
  // An empty field of the filter form means "any".
  const query = Object.fromEntries(
    Object.entries(await searchParams).filter(([, value]) => value !== "" && value !== undefined),
  );
  const parsed = annotationFiltersSchema.safeParse(query);
  const filters = parsed.success ? parsed.data : annotationFiltersSchema.parse({});
  // Read before the annotations: live events resume from here, so nothing written while the
  // page renders is missed (an event seen twice only updates what is there).
  const eventSeq = await documentEventSeq(actor, document.id);
  const [workspace, annotations, tags, authors, members] = await Promise.all([
    getWorkspaceOrThrow(actor, document.workspaceId),
    // The page shows them all (thousands are fine: they are painted, not rendered as elements,
    // and travel as compact rows).
    listReaderAnnotations(actor, document.id, document.text, filters),
    listTags(actor, document.workspaceId, { documentId: document.id }),
    listAnnotationAuthors(actor, document.id),
    listMembers(actor, document.workspaceId),
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
        <div className="flex items-center gap-2">
          <ExportDialog
            scopePath={`/documents/${document.id}`}
            scopeLabel="this document's annotations"
            tags={tags.map((tag) => ({ name: tag.name, count: tag.count }))}
            authors={authors.map((author) => ({ id: author.id, name: author.name }))}
            initial={{
              tag: filters.tag,
              author: filters.author,
              status: filters.status,
              mine: filters.mine,
            }}
          />
          {document.abilities.revise && (
            <ReviseDialog documentId={document.id} title={document.title} text={document.text} />
          )}
        </div>
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
        annotations={annotations}
        tags={tags}
        mentionables={members.map((member) => ({ id: member.userId, name: member.name }))}
        eventSeq={eventSeq}
        liveFilter={{
          tag: filters.tag,
          author: filters.author,
          mine: filters.mine,
          status: filters.status,
          q: filters.q,
        }}
        userId={actor.userId}
        canAnnotate={document.abilities.annotate}
        canSpotlight={document.abilities.spotlight}
        filtered={Boolean(
          filters.tag?.length || filters.author || filters.mine || filters.status || filters.q,
        )}
        filters={
          <AnnotationFilters
            documentId={document.id}
            workspaceId={workspace.id}
            tags={tags}
            authors={authors}
            active={filters}
            userId={actor.userId}
          />
        }
      />
    </div>
  );
}
