import { SearchIcon } from "lucide-react";
import Form from "next/form";
import Link from "next/link";

import { cn } from "@/lib/client/cn";
import {
  normalizeTagName,
  type AnnotationFilters as Filters,
} from "@/lib/shared/schemas/annotation";

import type { TagItem } from "./types";

type FilterKey = "tag" | "author" | "mine" | "status" | "q";

// The margin's filters, as links and a GET form: the URL holds them, so a filtered view can be
// shared, and they work before (or without) JavaScript. Tag chips show how many of this
// document's annotations carry the tag.
export function AnnotationFilters(props: {
  documentId: string;
  workspaceId: string;
  tags: TagItem[];
  authors: Array<{ id: string; name: string; count: number }>;
  active: Filters;
  userId: string;
}) {
  const { active } = props;
  const activeTags = new Set((active.tag ?? []).map(normalizeTagName));
  const current: Record<FilterKey, string | undefined> = {
    tag: active.tag?.join(","),
    author: active.author,
    mine: active.mine ? "true" : undefined,
    status: active.status,
    q: active.q,
  };
  const path = `/documents/${props.documentId}`;
  const href = (change: Partial<Record<FilterKey, string | undefined>>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...current, ...change }))
      if (value) query.set(key, value);
    const search = query.toString();
    return `${path}${search ? `?${search}` : ""}`;
  };
  const toggleTag = (name: string) => {
    const key = normalizeTagName(name);
    const next = activeTags.has(key)
      ? [...activeTags].filter((tag) => tag !== key)
      : [...activeTags, key];
    return href({ tag: next.join(",") || undefined });
  };
  const shownTags = props.tags.filter(
    (tag) => tag.count > 0 || activeTags.has(normalizeTagName(tag.name)),
  );
  const chip = "rounded-full border px-2 py-0.5 text-xs";
  const anyActive = Object.values(current).some(Boolean);
  return (
    <nav aria-label="Filter annotations" className="space-y-2" data-no-print>
      {shownTags.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label="Tags">
          {shownTags.map((tag) => (
            <li key={tag.id}>
              <Link
                href={toggleTag(tag.name)}
                aria-current={activeTags.has(normalizeTagName(tag.name)) ? "true" : undefined}
                title={tag.description || undefined}
                className={cn(
                  chip,
                  activeTags.has(normalizeTagName(tag.name))
                    ? "border-ink font-semibold"
                    : "border-line",
                )}
                style={{ backgroundColor: `color-mix(in srgb, ${tag.color} 20%, white)` }}
              >
                {tag.name} <span className="text-muted">{tag.count}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-1 text-xs">
        <Link
          href={href({ mine: active.mine ? undefined : "true" })}
          aria-current={active.mine ? "true" : undefined}
          className={cn(chip, active.mine ? "border-ink font-semibold" : "border-line")}
        >
          Mine
        </Link>
        {(["open", "resolved"] as const).map((status) => (
          <Link
            key={status}
            href={href({ status: active.status === status ? undefined : status })}
            aria-current={active.status === status ? "true" : undefined}
            className={cn(
              chip,
              "capitalize",
              active.status === status ? "border-ink font-semibold" : "border-line",
            )}
          >
            {status}
          </Link>
        ))}
        {anyActive && (
          <Link href={path} className="text-accent px-1 py-0.5 underline underline-offset-2">
            Clear filters
          </Link>
        )}
        <Link
          href={`/workspaces/${props.workspaceId}/tags`}
          className="text-muted hover:text-ink ml-auto px-1 py-0.5 underline underline-offset-2"
        >
          All tags
        </Link>
      </div>
      <Form action={path} role="search" className="grid grid-cols-[1fr_auto] gap-1 text-xs">
        {(["tag", "mine", "status"] as const).map((key) =>
          current[key] ? <input key={key} type="hidden" name={key} value={current[key]} /> : null,
        )}
        {/* Labels wrap their fields: the margin is rendered twice (beside the text and in the
            phone's sheet), so ids would clash. */}
        <label className="col-span-2 flex">
          <span className="sr-only">Author</span>
          <select
            name="author"
            defaultValue={active.author ?? ""}
            className="border-line w-full rounded border bg-white px-1 py-1"
          >
            <option value="">Everyone</option>
            {props.authors.map((author) => (
              <option key={author.id} value={author.id}>
                {author.id === props.userId ? `${author.name} (you)` : author.name} · {author.count}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0">
          <span className="sr-only">Text in the passage</span>
          <input
            type="search"
            name="q"
            defaultValue={active.q ?? ""}
            placeholder="Text in the passage"
            maxLength={200}
            className="border-line w-full min-w-0 rounded border bg-white px-2 py-1"
          />
        </label>
        <button
          type="submit"
          className="border-line hover:bg-ink/5 inline-flex items-center gap-1 rounded border px-2 py-1"
        >
          <SearchIcon className="size-3" aria-hidden /> Filter
        </button>
      </Form>
    </nav>
  );
}
