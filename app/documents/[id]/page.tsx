import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { ArticleView } from "@/components/reader/article-view";
import { getDocumentOrThrow } from "@/lib/server/documents/get-document";
import { orNotFound, pageId } from "@/lib/server/http/page";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { getWorkspaceOrThrow } from "@/lib/server/workspaces/get-workspace";

type Props = { params: Promise<{ id: string }> };

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

export default async function ReaderPage({ params }: Props) {
  await connection();
  const { actor, document } = await load(params);
  const workspace = await getWorkspaceOrThrow(actor, document.workspaceId);
  return (
    <div className="mx-auto max-w-[44rem] px-5 py-8 sm:px-8 sm:py-12">
      <nav aria-label="Breadcrumb" className="mb-6 text-sm" data-no-print>
        <Link
          href={`/workspaces/${workspace.id}`}
          className="text-muted hover:text-ink inline-flex items-center gap-1.5"
        >
          <ArrowLeftIcon className="size-4" aria-hidden /> {workspace.name}
        </Link>
      </nav>
      <ArticleView
        title={document.title}
        text={document.text}
        blocks={document.blocks}
        source={document.source}
        wordCount={document.wordCount}
        revisionNumber={document.revisionNumber}
      />
    </div>
  );
}
