import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { TagVocabulary } from "@/components/tags/tag-vocabulary";
import { ActionForm } from "@/components/ui/action-form";
import { Input, Label } from "@/components/ui/field";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { orNotFound, pageId } from "@/lib/server/http/page";
import { listTags } from "@/lib/server/tags/manage-tags";
import { getWorkspaceOrThrow } from "@/lib/server/workspaces/get-workspace";
import { nextTagColor, TAG_NAME_MAX } from "@/lib/shared/schemas/annotation";

import { createTagAction, deleteTagAction, mergeTagAction, updateTagAction } from "./actions";

export const metadata: Metadata = { title: "Tags" };

type Props = { params: Promise<{ id: string }> };

// The workspace's tag vocabulary (a codebook): everyone sees it and adds to it; owners and
// moderators curate it.
export default async function TagsPage({ params }: Props) {
  await connection();
  const workspaceId = pageId((await params).id);
  const actor = await requirePageActor(`/workspaces/${workspaceId}/tags`);
  const workspace = await orNotFound(() => getWorkspaceOrThrow(actor, workspaceId));
  const tags = await listTags(actor, workspaceId);

  return (
    <div className="mx-auto max-w-3xl space-y-10 px-4 py-8 sm:px-6 sm:py-12">
      <div>
        <Link
          href={`/workspaces/${workspaceId}`}
          className="text-muted hover:text-ink inline-flex items-center gap-1.5 text-sm"
        >
          <ArrowLeftIcon className="size-4" aria-hidden /> {workspace.name}
        </Link>
        <h1 className="mt-3 font-serif text-3xl font-semibold tracking-tight">Tags</h1>
        <p className="text-muted mt-1">
          The vocabulary this {workspace.kind} tags passages with. Counts include every annotation
          you can see.
          {workspace.abilities.manageTags
            ? " As " +
              (workspace.role === "owner" ? "an owner" : "a moderator") +
              ", you can rename, recolour, describe, merge and delete tags."
            : " Owners and moderators curate it."}
        </p>
      </div>

      <section aria-labelledby="tags-title" className="space-y-3">
        <h2 id="tags-title" className="font-semibold">
          {tags.length} {tags.length === 1 ? "tag" : "tags"}
        </h2>
        <TagVocabulary
          tags={tags.map((tag) => ({
            ...tag,
            update: updateTagAction.bind(null, tag.id),
            merge: mergeTagAction.bind(null, tag.id),
            remove: deleteTagAction.bind(null, tag.id),
          }))}
        />
      </section>

      <section
        aria-labelledby="new-tag-title"
        className="border-line space-y-4 rounded-xl border bg-white p-5 sm:p-6"
      >
        <h2 id="new-tag-title" className="font-semibold">
          Add a tag
        </h2>
        <ActionForm
          action={createTagAction.bind(null, workspaceId)}
          submitLabel="Add tag"
          success="Tag added"
        >
          <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
            <div className="space-y-1.5">
              <Label htmlFor="new-tag-name">Name</Label>
              <Input id="new-tag-name" name="name" required maxLength={TAG_NAME_MAX} />
            </div>
            <div className="space-y-1.5">
              <Label htmlFor="new-tag-color">Colour</Label>
              <Input
                id="new-tag-color"
                name="color"
                type="color"
                defaultValue={nextTagColor(tags.length)}
                className="block h-10 w-16 p-1"
              />
            </div>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="new-tag-description">Description (optional)</Label>
            <Input id="new-tag-description" name="description" maxLength={500} />
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
