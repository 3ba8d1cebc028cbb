"use server";

import { parseForm, runAction } from "@/lib/server/http/action";
import { createTag, deleteTag, mergeTag, updateTag } from "@/lib/server/tags/manage-tags";
import { idSchema } from "@/lib/shared/schemas/common";
import { createTagSchema, mergeTagSchema, updateTagSchema } from "@/lib/shared/schemas/annotation";

// The tag vocabulary page's actions: anyone in the workspace adds a tag; owners and moderators
// rename, recolour, describe, merge and delete (lib/server/tags/manage-tags.ts decides).

function fields(form: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === "string") out[name] = value;
  }
  return out;
}

export async function createTagAction(workspaceId: string, _previous: unknown, form: FormData) {
  return runAction("createTagAction", async (actor) => {
    const input = parseForm(createTagSchema, fields(form, ["name", "color", "description"]));
    await createTag(actor, parseForm(idSchema, workspaceId), input);
    return "Tag added";
  });
}

export async function updateTagAction(tagId: string, _previous: unknown, form: FormData) {
  return runAction("updateTagAction", async (actor) => {
    const input = parseForm(updateTagSchema, fields(form, ["name", "color", "description"]));
    await updateTag(actor, parseForm(idSchema, tagId), input);
    return "Saved";
  });
}

export async function mergeTagAction(tagId: string, _previous: unknown, form: FormData) {
  return runAction("mergeTagAction", async (actor) => {
    const { into } = parseForm(mergeTagSchema, fields(form, ["into"]));
    await mergeTag(actor, parseForm(idSchema, tagId), into);
    return "Merged";
  });
}

export async function deleteTagAction(tagId: string) {
  return runAction("deleteTagAction", async (actor) => {
    await deleteTag(actor, parseForm(idSchema, tagId));
    return "Deleted";
  });
}
