"use client";

import { HighlighterIcon, ListIcon, TagIcon, XIcon } from "lucide-react";
import {
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";

import { ArticleView, type ArticleSource } from "@/components/reader/article-view";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field";
import { offsetOfPoint, selectionOffsets, type TextRange } from "@/lib/client/anchoring-dom";
import { api, ApiError } from "@/lib/client/api";
import { useHydrated } from "@/lib/client/use-hydrated";
import { describeRange } from "@/lib/shared/anchoring";
import type { Block } from "@/lib/shared/documents/ingest";
import { normalizeTagName, TAG_PALETTE } from "@/lib/shared/schemas/annotation";

import { AnnotationCard } from "./annotation-card";
import { TagPicker } from "./tag-picker";
import type { AnnotationItem, TagItem } from "./types";
import { supportsHighlights, useHighlights } from "./use-highlights";

const UNTAGGED = "#f59e0b";

interface Props {
  workspaceId: string;
  document: {
    id: string;
    title: string;
    text: string;
    blocks: Block[];
    source: ArticleSource;
    wordCount: number;
    revisionNumber: number;
  };
  annotations: AnnotationItem[];
  tags: TagItem[];
  canAnnotate: boolean;
  filters: ReactNode;
}

// The reading surface: the article with everyone's highlights painted over it, a toolbar for
// the current selection (Highlight, Tag; `h` and `a`, Esc cancels), and the margin of cards in
// document order. Clicking a highlight, or pressing Enter with the caret in one, focuses its
// card; focusing a card outlines its passage.
export function ReadingSurface(props: Props) {
  const [annotations, setAnnotations] = useState(props.annotations);
  const [tags, setTags] = useState(props.tags);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [selection, setSelection] = useState<(TextRange & { top: number; left: number }) | null>(
    null,
  );
  const [tagging, setTagging] = useState(false);
  const [keptTags, setKeptTags] = useState<string[]>([]);
  const [visibility, setVisibility] = useState<"workspace" | "private">("workspace");
  const [colorBy, setColorBy] = useState<"tag" | "author">("tag");
  const [error, setError] = useState<string | null>(null);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const cards = useRef(new Map<string, HTMLElement>());
  // The server renders plain text (as if highlights were supported); a browser without the
  // Custom Highlight API re-renders with <mark>s after hydration.
  const painted = useSyncExternalStore(noSubscription, supportsHighlights, () => true);
  const hydrated = useHydrated();

  const tagColors = useMemo(
    () => new Map(tags.map((tag) => [normalizeTagName(tag.name), tag.color])),
    [tags],
  );
  const tagColor = useCallback(
    (name: string) => tagColors.get(normalizeTagName(name)) ?? UNTAGGED,
    [tagColors],
  );
  const colorOf = useCallback(
    (annotation: AnnotationItem) =>
      colorBy === "author"
        ? authorColor(annotation.author.id)
        : annotation.tags[0]
          ? tagColor(annotation.tags[0])
          : UNTAGGED,
    [colorBy, tagColor],
  );
  useHighlights(painted ? root : null, annotations, colorOf, focusedId);

  const anchored = useMemo(
    () =>
      [...annotations].sort(
        (a, b) =>
          (a.anchor.start ?? Number.MAX_SAFE_INTEGER) -
            (b.anchor.start ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id),
      ),
    [annotations],
  );

  const readSelection = useCallback(() => {
    if (!root) return;
    const range = selectionOffsets(root, window.getSelection());
    if (!range) return setSelection(null);
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    const frame = root.getBoundingClientRect();
    setSelection({
      ...range,
      top: rect.top - frame.top - 48,
      left: Math.max(0, rect.left - frame.left),
    });
  }, [root]);

  useEffect(() => {
    const onChange = () => {
      if (!tagging) readSelection();
    };
    document.addEventListener("selectionchange", onChange);
    // A selection made before the page came to life still gets its toolbar.
    const initial = setTimeout(onChange, 0);
    return () => {
      clearTimeout(initial);
      document.removeEventListener("selectionchange", onChange);
    };
  }, [readSelection, tagging]);

  // Thousands of cards are not rendered in one go: the first CHUNK come with the page, the rest
  // in chunks between frames, so no single task grows with the number of annotations.
  const [shown, setShown] = useState(CHUNK);
  useEffect(() => {
    if (shown >= annotations.length) return;
    const timer = setTimeout(() => startTransition(() => setShown((count) => count + CHUNK)), 16);
    return () => clearTimeout(timer);
  }, [shown, annotations.length]);

  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  useEffect(() => {
    if (!pendingFocus) return;
    const card = cards.current.get(pendingFocus);
    if (!card) return;
    card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    card.focus({ preventScroll: true });
    const done = setTimeout(() => setPendingFocus(null), 0);
    return () => clearTimeout(done);
  }, [pendingFocus, shown]);

  const focusCard = useCallback((id: string) => {
    setFocusedId(id);
    setShown(Number.MAX_SAFE_INTEGER); // render every card, so the asked-for one exists
    setPendingFocus(id);
  }, []);

  const annotationAt = useCallback(
    (offset: number) =>
      anchored
        .filter(
          (item) =>
            item.anchor.start !== null && item.anchor.start <= offset && offset < item.anchor.end!,
        )
        .sort((a, b) => a.anchor.end! - a.anchor.start! - (b.anchor.end! - b.anchor.start!))[0],
    [anchored],
  );

  async function create(range: TextRange, withTags: string[]) {
    setError(null);
    const text = props.document.text;
    try {
      const created = await api<AnnotationItem>(
        `/api/v1/documents/${props.document.id}/annotations`,
        {
          method: "POST",
          json: {
            target: describeRange(text, range.start, range.end),
            tags: withTags,
            visibility,
          },
        },
      );
      setAnnotations((current) => [...current, created]);
      if (withTags.length)
        setTags(
          await api<{ items: TagItem[] }>(`/api/v1/workspaces/${props.workspaceId}/tags`)
            .then((r) => r.items)
            .catch(() => tags),
        );
      window.getSelection()?.removeAllRanges();
      setSelection(null);
      setTagging(false);
      setFocusedId(created.id);
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : "The highlight could not be saved");
    }
  }

  async function update(id: string, json: object) {
    try {
      const updated = await api<AnnotationItem>(`/api/v1/annotations/${id}`, {
        method: "PATCH",
        json,
      });
      setAnnotations((current) => current.map((item) => (item.id === id ? updated : item)));
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : "The change could not be saved");
    }
  }

  async function remove(id: string) {
    if (!window.confirm("Delete this annotation?")) return;
    try {
      await api(`/api/v1/annotations/${id}`, { method: "DELETE" });
      setAnnotations((current) => current.filter((item) => item.id !== id));
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : "The annotation could not be deleted");
    }
  }

  // Shortcuts while something is selected: h highlights, a opens the tag picker, Esc cancels.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (event.key === "Escape") {
        setTagging(false);
        setSelection(null);
        window.getSelection()?.removeAllRanges();
        return;
      }
      if (!selection || !props.canAnnotate || event.metaKey || event.ctrlKey || event.altKey)
        return;
      if (event.key === "h") {
        event.preventDefault();
        void create(selection, keptTags);
      } else if (event.key === "a") {
        event.preventDefault();
        setTagging(true);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  });

  function onArticleClick(event: React.MouseEvent) {
    if (!root || !window.getSelection()?.isCollapsed) return;
    const caret = document.caretPositionFromPoint?.(event.clientX, event.clientY);
    const offset = caret ? offsetOfPoint(root, caret.offsetNode, caret.offset) : null;
    const hit = offset === null ? undefined : annotationAt(offset);
    if (hit) focusCard(hit.id);
  }

  function onArticleKey(event: React.KeyboardEvent) {
    if (event.key !== "Enter" || !root) return;
    const sel = window.getSelection();
    if (!sel?.anchorNode) return;
    const offset = offsetOfPoint(root, sel.anchorNode, sel.anchorOffset);
    const hit = offset === null ? undefined : annotationAt(offset);
    if (hit) {
      event.preventDefault();
      focusCard(hit.id);
    }
  }

  const margin = (
    <section aria-label="Annotations" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">
          {annotations.length} {annotations.length === 1 ? "annotation" : "annotations"}
        </h2>
        <label className="text-muted flex items-center gap-1.5 text-xs">
          Colour by
          <select
            value={colorBy}
            onChange={(event) => setColorBy(event.target.value as "tag" | "author")}
            className="border-line rounded border bg-white px-1 py-0.5"
          >
            <option value="tag">tag</option>
            <option value="author">author</option>
          </select>
        </label>
      </div>
      {props.filters}
      <ol className="space-y-2" aria-label="Annotations in document order">
        {anchored.slice(0, shown).map((annotation) => (
          <li key={annotation.id}>
            <AnnotationCard
              ref={(element) => {
                if (element) cards.current.set(annotation.id, element);
                else cards.current.delete(annotation.id);
              }}
              annotation={annotation}
              color={colorOf(annotation)}
              tagColor={tagColor}
              focused={focusedId === annotation.id}
              onFocus={() => setFocusedId(annotation.id)}
              onResolve={(status) => void update(annotation.id, { status })}
              onDelete={() => void remove(annotation.id)}
            />
          </li>
        ))}
      </ol>
      {annotations.length === 0 && (
        <p className="text-muted text-sm">Select a passage to highlight it.</p>
      )}
    </section>
  );

  return (
    <div className="lg:grid lg:grid-cols-[minmax(0,44rem)_20rem] lg:gap-10">
      <div
        ref={setRoot}
        className="relative"
        onMouseUp={onArticleClick}
        onKeyDown={onArticleKey}
        data-reading-surface
        data-hydrated={hydrated ? "" : undefined}
      >
        <ArticleView
          {...props.document}
          renderText={
            painted
              ? undefined
              : (_index, text, start) => markSegments(text, start, anchored, colorOf)
          }
          afterBlock={
            props.canAnnotate
              ? (index) => (
                  <button
                    type="button"
                    className="sr-only select-none focus:not-sr-only focus:absolute focus:z-10 focus:rounded focus:bg-white focus:px-2 focus:py-1 focus:text-sm focus:shadow"
                    onClick={() => selectBlock(root, index, setSelection)}
                  >
                    Annotate this paragraph
                  </button>
                )
              : undefined
          }
        />
        {selection && props.canAnnotate && (
          <div
            role="toolbar"
            aria-label="Annotate the selection"
            className="border-line absolute z-20 flex items-center gap-1 rounded-lg border bg-white p-1 shadow-lg"
            style={{
              top: Math.max(0, selection.top),
              left: Math.min(selection.left, (root?.clientWidth ?? 320) - 260),
            }}
            onMouseDown={(event) => event.preventDefault()}
          >
            {tagging ? (
              <TagPicker
                vocabulary={tags}
                initial={keptTags}
                onCancel={() => setTagging(false)}
                onSubmit={(chosen) => {
                  setKeptTags(chosen);
                  void create(selection, chosen);
                }}
              />
            ) : (
              <>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => void create(selection, keptTags)}
                  aria-keyshortcuts="h"
                >
                  <HighlighterIcon aria-hidden /> Highlight{" "}
                  <kbd className="text-muted text-xs">h</kbd>
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setTagging(true)}
                  aria-keyshortcuts="a"
                >
                  <TagIcon aria-hidden /> Tag <kbd className="text-muted text-xs">a</kbd>
                </Button>
                <label className="flex items-center gap-1 px-1 text-xs">
                  <input
                    type="checkbox"
                    checked={visibility === "private"}
                    onChange={(event) =>
                      setVisibility(event.target.checked ? "private" : "workspace")
                    }
                  />
                  Private
                </label>
                {keptTags.length > 0 && (
                  <span className="text-muted max-w-32 truncate px-1 text-xs">
                    Tags: {keptTags.join(", ")}
                  </span>
                )}
              </>
            )}
          </div>
        )}
        {error && (
          <div
            role="alert"
            className="bg-danger-soft text-danger fixed right-4 bottom-20 z-30 flex items-center gap-2 rounded-lg p-3 text-sm shadow"
          >
            <FieldError className="text-sm">{error}</FieldError>
            <button onClick={() => setError(null)} aria-label="Dismiss">
              <XIcon className="size-4" />
            </button>
          </div>
        )}
      </div>
      <aside className="hidden lg:block" data-margin>
        <div className="sticky top-4 max-h-[calc(100dvh-2rem)] overflow-y-auto pr-1">{margin}</div>
      </aside>
      <div
        className="border-line fixed inset-x-0 bottom-0 z-20 border-t bg-white/95 p-2 lg:hidden"
        data-no-print
      >
        <Dialog>
          <DialogTrigger asChild>
            <Button variant="secondary" className="w-full">
              <ListIcon aria-hidden /> Annotations · {annotations.length}
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogTitle>Annotations</DialogTitle>
            <div className="mt-3">{margin}</div>
          </DialogContent>
        </Dialog>
      </div>
    </div>
  );
}

const noSubscription = () => () => {};
const CHUNK = 150;

function authorColor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return TAG_PALETTE[Math.abs(hash) % TAG_PALETTE.length]!;
}

function selectBlock(
  root: HTMLElement | null,
  index: number,
  set: (value: (TextRange & { top: number; left: number }) | null) => void,
) {
  const block = root?.querySelector<HTMLElement>(`#b${index}`);
  const text = block?.firstChild;
  if (!block || !root || !text) return;
  const range = document.createRange();
  range.selectNodeContents(block);
  window.getSelection()?.removeAllRanges();
  window.getSelection()?.addRange(range);
  const top = block.getBoundingClientRect().top - root.getBoundingClientRect().top - 48;
  set({ start: Number(block.dataset.start), end: Number(block.dataset.end), top, left: 0 });
}

/** The fallback where the Custom Highlight API is missing: the block's text cut at every
 * annotation boundary, covered pieces wrapped in <mark>. */
function markSegments(
  text: string,
  start: number,
  annotations: AnnotationItem[],
  colorOf: (item: AnnotationItem) => string,
): ReactNode {
  const end = start + text.length;
  const inBlock = annotations.filter(
    (item) => item.anchor.start !== null && item.anchor.start < end && item.anchor.end! > start,
  );
  if (!inBlock.length) return text;
  const cuts = new Set([start, end]);
  for (const item of inBlock) {
    cuts.add(Math.max(start, item.anchor.start!));
    cuts.add(Math.min(end, item.anchor.end!));
  }
  const points = [...cuts].sort((a, b) => a - b);
  return points.slice(0, -1).map((from, i) => {
    const to = points[i + 1]!;
    const covering = inBlock.filter((item) => item.anchor.start! <= from && item.anchor.end! >= to);
    const piece = text.slice(from - start, to - start);
    return covering.length ? (
      <mark
        key={from}
        style={{
          backgroundColor: `color-mix(in srgb, ${colorOf(covering[0]!)} ${Math.min(70, 30 * covering.length)}%, transparent)`,
          color: "inherit",
        }}
      >
        {piece}
      </mark>
    ) : (
      piece
    );
  });
}
