import Link from "next/link";

import { cn } from "@/lib/client/cn";
import {
  normalizeTagName,
  type AnnotationFilters as Filters,
} from "@/lib/shared/schemas/annotation";

import type { TagItem } from "./types";

// The margin's filters, as links: the URL holds them, so a filtered view can be shared.
export function AnnotationFilters(props: {
  documentId: string;
  tags: TagItem[];
  active: Filters;
  userId: string;
}) {
  const activeTags = new Set((props.active.tag ?? []).map(normalizeTagName));
  const href = (change: Partial<Record<"tag" | "mine" | "status", string | undefined>>) => {
    const query = new URLSearchParams();
    const next = {
      tag: props.active.tag?.join(","),
      mine: props.active.mine ? "true" : undefined,
      status: props.active.status,
      ...change,
    };
    for (const [key, value] of Object.entries(next)) if (value) query.set(key, value);
    const search = query.toString();
    return `/documents/${props.documentId}${search ? `?${search}` : ""}`;
  };
  const toggleTag = (name: string) => {
    const key = normalizeTagName(name);
    const next = activeTags.has(key)
      ? [...activeTags].filter((tag) => tag !== key)
      : [...activeTags, key];
    return href({ tag: next.join(",") || undefined });
  };
  const chip = "rounded-full border px-2 py-0.5 text-xs";
  return (
    <nav aria-label="Filter annotations" className="space-y-2">
      {props.tags.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label="Tags">
          {props.tags.map((tag) => (
            <li key={tag.id}>
              <Link
                href={toggleTag(tag.name)}
                aria-current={activeTags.has(normalizeTagName(tag.name)) ? "true" : undefined}
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
          href={href({ mine: props.active.mine ? undefined : "true" })}
          aria-current={props.active.mine ? "true" : undefined}
          className={cn(chip, props.active.mine ? "border-ink font-semibold" : "border-line")}
        >
          Mine
        </Link>
        {(["open", "resolved"] as const).map((status) => (
          <Link
            key={status}
            href={href({ status: props.active.status === status ? undefined : status })}
            aria-current={props.active.status === status ? "true" : undefined}
            className={cn(
              chip,
              "capitalize",
              props.active.status === status ? "border-ink font-semibold" : "border-line",
            )}
          >
            {status}
          </Link>
        ))}
        {(activeTags.size > 0 || props.active.mine || props.active.status) && (
          <Link
            href={`/documents/${props.documentId}`}
            className="text-accent px-1 py-0.5 underline underline-offset-2"
          >
            Clear filters
          </Link>
        )}
      </div>
    </nav>
  );
}
