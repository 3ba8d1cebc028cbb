"use client";

import { PencilIcon } from "lucide-react";
import { useState } from "react";

import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Input, Label, Select, Textarea } from "@/components/ui/field";
import { ActionButton } from "@/components/workspaces/members-panel";

export interface TagRow {
  id: string;
  name: string;
  color: string;
  description: string;
  count: number;
  abilities: { manage: boolean };
  update: FormAction;
  merge: FormAction;
  remove: () => Promise<{ ok: false; message: string } | { ok: true } | null>;
}

// The workspace's tag vocabulary: every tag with its colour, description and how many
// annotations use it; owners and moderators rename, recolour, describe, merge and delete.
export function TagVocabulary({ tags }: { tags: TagRow[] }) {
  if (!tags.length)
    return (
      <p className="border-line text-muted rounded-xl border border-dashed p-6 text-center">
        No tags yet. Tag a passage in the reader, or add one here.
      </p>
    );
  return (
    <ul className="divide-line border-line divide-y rounded-xl border bg-white" aria-label="Tags">
      {tags.map((tag) => (
        <TagRowView key={tag.id} tag={tag} others={tags.filter((other) => other.id !== tag.id)} />
      ))}
    </ul>
  );
}

function TagRowView({ tag, others }: { tag: TagRow; others: TagRow[] }) {
  const [editing, setEditing] = useState(false);
  const uses = `${tag.count} ${tag.count === 1 ? "annotation" : "annotations"}`;
  return (
    <li className="px-4 py-3 sm:px-5" data-tag={tag.name}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 items-center gap-3">
          <span
            className="size-4 shrink-0 rounded-full border border-black/10"
            style={{ backgroundColor: tag.color }}
            aria-hidden
          />
          <div className="min-w-0">
            <p className="font-medium">
              {tag.name} <span className="text-muted text-sm font-normal">· {uses}</span>
            </p>
            {tag.description && <p className="text-muted text-sm">{tag.description}</p>}
          </div>
        </div>
        {tag.abilities.manage && (
          <div className="flex flex-wrap items-start gap-2">
            <Button
              size="sm"
              variant="secondary"
              aria-expanded={editing}
              onClick={() => setEditing((open) => !open)}
            >
              <PencilIcon aria-hidden /> {editing ? "Close" : "Edit"}
              <span className="sr-only"> {tag.name}</span>
            </Button>
            <ActionButton
              run={tag.remove}
              label="Delete"
              confirm={`Delete the tag “${tag.name}”? It is taken off ${uses}; the annotations stay.`}
            />
          </div>
        )}
      </div>
      {editing && (
        <div className="mt-4 grid gap-6 sm:grid-cols-[1fr_14rem]">
          <ActionForm action={tag.update} submitLabel="Save" size="sm" success="Saved">
            <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
              <div className="space-y-1.5">
                <Label htmlFor={`name-${tag.id}`}>Name</Label>
                <Input id={`name-${tag.id}`} name="name" defaultValue={tag.name} maxLength={60} />
              </div>
              <div className="space-y-1.5">
                <Label htmlFor={`color-${tag.id}`}>Colour</Label>
                <Input
                  id={`color-${tag.id}`}
                  name="color"
                  type="color"
                  defaultValue={tag.color}
                  className="block h-10 w-16 p-1"
                />
              </div>
            </div>
            <div className="space-y-1.5">
              <Label htmlFor={`description-${tag.id}`}>Description (what the tag is for)</Label>
              <Textarea
                id={`description-${tag.id}`}
                name="description"
                defaultValue={tag.description}
                maxLength={500}
                rows={2}
                className="min-h-16"
              />
            </div>
          </ActionForm>
          {others.length > 0 && (
            <ActionForm
              action={tag.merge}
              submitLabel="Merge"
              size="sm"
              variant="secondary"
              confirm={`Merge “${tag.name}” into the chosen tag? Its ${uses} move there and “${tag.name}” is deleted.`}
            >
              <div className="space-y-1.5">
                <Label htmlFor={`into-${tag.id}`}>Merge into</Label>
                <Select id={`into-${tag.id}`} name="into" defaultValue={others[0]!.id}>
                  {others.map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.name}
                    </option>
                  ))}
                </Select>
              </div>
            </ActionForm>
          )}
        </div>
      )}
    </li>
  );
}
