"use client";

import { ListIcon, XIcon } from "lucide-react";
import {
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
import { offsetOfPoint, rangeFromOffsets, type TextRange } from "@/lib/client/anchoring-dom";
import { api, ApiError } from "@/lib/client/api";
import { useHydrated } from "@/lib/client/use-hydrated";
import { describeRange } from "@/lib/shared/anchoring";
import {
  decodeReaderAnnotations,
  fromApiAnnotation,
  type ReaderAnnotations,
} from "@/lib/shared/annotations/reader-payload";
import type { Block } from "@/lib/shared/documents/ingest";
import { normalizeTagName, TAG_PALETTE } from "@/lib/shared/schemas/annotation";

import type { Mentionable } from "@/components/editor/comment-editor";
import { ReplyBus } from "@/components/threads/reply-bus";
import { ThreadContext } from "@/components/threads/thread-context";
import type { ReplyItem } from "@/components/threads/types";
import { useLiveEvents } from "@/lib/client/use-live-events";

import { Margin } from "./margin";
import { markSegments } from "./mark-segments";
import { SelectionToolbar } from "./selection-toolbar";
import type { AnnotationItem, TagItem } from "./types";
import { supportsHighlights, useHighlights } from "./use-highlights";
import { useTextSelection } from "./use-text-selection";

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
  annotations: ReaderAnnotations;
  tags: TagItem[];
  /** Workspace members, for @mentions in comments and replies. */
  mentionables: Mentionable[];
  /** The reader's id: their drafts are kept under it. */
  userId: string;
  /** The document's event sequence when the page was rendered: live events resume from it. */
  eventSeq: string;
  /** The margin's filters, to tell whether a highlight arriving live belongs in this view. */
  liveFilter: LiveFilter;
  /** Owners and moderators bring every present reader to an annotation. */
  canSpotlight: boolean;
  canAnnotate: boolean;
  filters: ReactNode;
  filtered: boolean;
}

// The reading surface: the article with everyone's highlights painted over it, a toolbar for
// the current selection (Highlight `h`, Comment `a` for annotate, Tag `t`; Esc cancels), and
// the margin of cards in document order with their comments and threads. Clicking a
// highlight, or pressing Enter with the caret in one, focuses its card; focusing a card
// outlines its passage and brings it into view. A link ending in #annotation-<id> opens on it.
export function ReadingSurface(props: Props) {
  const [annotations, setAnnotations] = useState(() =>
    decodeReaderAnnotations(props.annotations, props.document.text),
  );
  const [tags, setTags] = useState(props.tags);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [tagging, setTagging] = useState(false);
  const [keptTags, setKeptTags] = useState<string[]>([]);
  const [visibility, setVisibility] = useState<"workspace" | "private">("workspace");
  const [colorBy, setColorBy] = useState<"tag" | "author">("tag");
  const [error, setError] = useState<string | null>(null);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const [renderAll, setRenderAll] = useState(false);
  const [composingId, setComposingId] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  // Each card's elements: the margin may be mounted twice (beside the text, and in the
  // phone's sheet); the one on screen is the one to focus.
  const cards = useRef(new Map<string, Set<HTMLElement>>());
  const { selection, selectBlock, clear } = useTextSelection(root, tagging);
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

  const ordered = useMemo(
    () =>
      [...annotations].sort(
        (a, b) =>
          (a.anchor.start ?? Number.MAX_SAFE_INTEGER) -
            (b.anchor.start ?? Number.MAX_SAFE_INTEGER) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      ),
    [annotations],
  );

  // A card asked for (a highlight clicked) may not be rendered or shown yet (all cards render,
  // the phone's sheet opens): it is focused on the first frame it is on screen.
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  useEffect(() => {
    if (!pendingFocus) return;
    let frames = 0;
    let handle = 0;
    const attempt = () => {
      const card = [...(cards.current.get(pendingFocus) ?? [])].find(
        (element) => element.getClientRects().length > 0,
      );
      if (card) {
        card.scrollIntoView({ block: "nearest", behavior: "smooth" });
        card.focus({ preventScroll: true });
        setPendingFocus(null);
      } else if (frames++ < 60) handle = requestAnimationFrame(attempt);
      else setPendingFocus(null);
    };
    handle = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(handle);
  }, [pendingFocus, renderAll, sheetOpen]);

  const focusCard = useCallback((id: string) => {
    setFocusedId(id);
    setRenderAll(true);
    setPendingFocus(id);
    // On phones the margin is a sheet: it opens on the card.
    if (window.matchMedia?.("(max-width: 1023px)").matches) setSheetOpen(true);
  }, []);

  // Printing shows every card after the article.
  useEffect(() => {
    const onPrint = () => setRenderAll(true);
    window.addEventListener("beforeprint", onPrint);
    return () => window.removeEventListener("beforeprint", onPrint);
  }, []);

  /** Scrolls the article to an annotation's passage if it is out of view. */
  const revealPassage = useCallback(
    (id: string) => {
      const item = annotations.find((annotation) => annotation.id === id);
      if (!root || item?.anchor.start == null || item.anchor.end == null) return;
      const range = rangeFromOffsets(root, item.anchor.start, item.anchor.end);
      const rect = range?.getBoundingClientRect();
      if (rect && (rect.bottom < 0 || rect.top > window.innerHeight))
        window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: "smooth" });
    },
    [annotations, root],
  );

  /** A card got focus: outline its passage, and scroll the article to it if it is out of view. */
  const onCardFocus = useCallback(
    (id: string) => {
      setFocusedId(id);
      revealPassage(id);
    },
    [revealPassage],
  );

  // A link to one annotation (#annotation-<id>, e.g. from a notification) opens on it.
  useEffect(() => {
    const id = /^#annotation-([a-z0-9]+)$/i.exec(window.location.hash)?.[1];
    if (!id || !root || !annotations.some((item) => item.id === id)) return;
    const timer = setTimeout(() => {
      focusCard(id);
      revealPassage(id);
    }, 0);
    return () => clearTimeout(timer);
    // Once, when the article is in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [root]);

  const annotationAt = useCallback(
    (offset: number) =>
      ordered
        .filter(
          (item) =>
            item.anchor.start !== null && item.anchor.start <= offset && offset < item.anchor.end!,
        )
        .sort((a, b) => a.anchor.end! - a.anchor.start! - (b.anchor.end! - b.anchor.start!))[0],
    [ordered],
  );

  async function create(range: TextRange, withTags: string[], comment = false) {
    setError(null);
    try {
      const created = await api<Parameters<typeof fromApiAnnotation>[0]>(
        `/api/v1/documents/${props.document.id}/annotations`,
        {
          method: "POST",
          json: {
            target: describeRange(props.document.text, range.start, range.end),
            tags: withTags,
            visibility,
          },
        },
      );
      // The live event of this very annotation may have arrived before the reply did.
      const item = fromApiAnnotation(created);
      setAnnotations((current) =>
        current.some((existing) => existing.id === item.id)
          ? current.map((existing) => (existing.id === item.id ? item : existing))
          : [...current, item],
      );
      if (withTags.length) void refreshTags();
      clear();
      setTagging(false);
      setFocusedId(created.id);
      if (comment) {
        // Straight to its comment editor, in the margin (the sheet on phones).
        setComposingId(created.id);
        focusCard(created.id);
      }
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : "The highlight could not be saved");
    }
  }

  async function refreshTags() {
    try {
      const { items } = await api<{ items: TagItem[] }>(
        `/api/v1/workspaces/${props.workspaceId}/tags`,
      );
      // A new tag's colour; the counts stay this document's.
      setTags((current) => {
        const counts = new Map(current.map((tag) => [tag.id, tag.count]));
        return items.map((tag) => ({ ...tag, count: counts.get(tag.id) ?? 0 }));
      });
    } catch {
      // The colours of a new tag wait for the next reload.
    }
  }

  async function update(id: string, json: object) {
    try {
      const updated = fromApiAnnotation(
        await api<Parameters<typeof fromApiAnnotation>[0]>(`/api/v1/annotations/${id}`, {
          method: "PATCH",
          json,
        }),
      );
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

  // Shortcuts while something is selected: h highlights, a annotates (highlight and comment),
  // t opens the tag picker, Esc cancels.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (event.key === "Escape") {
        setTagging(false);
        clear();
        return;
      }
      if (!selection || !props.canAnnotate || event.metaKey || event.ctrlKey || event.altKey)
        return;
      if (event.key === "h") {
        event.preventDefault();
        void create(selection, keptTags);
      } else if (event.key === "a") {
        event.preventDefault();
        void create(selection, keptTags, true);
      } else if (event.key === "t") {
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

  const [replyBus] = useState(() => new ReplyBus());
  const threadContext = useMemo(
    () => ({ mentionables: props.mentionables, draftScope: props.userId, replies: replyBus }),
    [props.mentionables, props.userId, replyBus],
  );

  // Reply counts move once per reply, whether it was written here or arrived live.
  const [countedReplies] = useState(() => new Set<string>());
  const countReply = useCallback(
    (annotationId: string, replyId: string, delta: number) => {
      const key = `${replyId}:${delta}`;
      if (countedReplies.has(key)) return;
      countedReplies.add(key);
      setAnnotations((current) =>
        current.map((item) =>
          item.id === annotationId
            ? { ...item, replyCount: Math.max(0, item.replyCount + delta) }
            : item,
        ),
      );
    },
    [countedReplies],
  );

  // Everyone else's highlights and replies, as they happen: painted and listed without moving
  // the reader's scroll or focus.
  const [revised, setRevised] = useState(false);
  const [readers, setReaders] = useState<Array<{ id: string; name: string }>>([]);
  const [follow, setFollow] = useState(true);
  const [spotlit, setSpotlit] = useState<string | null>(null);
  useLiveEvents(props.document.id, props.eventSeq, {
    "annotation.created": (data) => upsert(data, true),
    "annotation.updated": (data) => upsert(data, false),
    "annotation.deleted": (data) => {
      const { id } = data as { id: string };
      setAnnotations((current) => current.filter((item) => item.id !== id));
    },
    "reply.created": (data) => {
      const reply = data as ReplyItem;
      countReply(reply.annotationId, reply.id, 1);
      replyBus.emit(reply.annotationId, { type: "created", reply });
    },
    "reply.updated": (data) => {
      const reply = data as ReplyItem;
      replyBus.emit(reply.annotationId, { type: "updated", reply });
    },
    "reply.deleted": (data) => {
      const { id, annotationId } = data as { id: string; annotationId: string };
      countReply(annotationId, id, -1);
      replyBus.emit(annotationId, { type: "deleted", id });
    },
    "document.revised": () => setRevised(true),
    presence: (data) =>
      setReaders((data as { readers: Array<{ id: string; name: string }> }).readers),
    "annotation.spotlighted": (data) => {
      const { id, at } = data as { id: string; at: string };
      // Only a spotlight of now: catching up after a reconnect does not jump the reader around.
      if (!follow || Date.now() - Date.parse(at) > 30_000) return;
      setSpotlit(id);
      focusCard(id);
      revealPassage(id);
    },
  });

  async function spotlight(id: string) {
    try {
      await api(`/api/v1/documents/${props.document.id}/spotlight`, {
        method: "POST",
        json: { annotationId: id },
      });
    } catch (cause) {
      setError(cause instanceof ApiError ? cause.message : "The spotlight could not be set");
    }
  }

  const liveBar = (
    <div
      className="text-muted flex flex-wrap items-center justify-between gap-2 text-xs"
      data-no-print
    >
      <p aria-live="polite" data-presence>
        {readers.length > 0 ? (
          <>
            <span className="bg-success mr-1 inline-block size-2 rounded-full" aria-hidden />
            Reading now:{" "}
            {readers.map((reader) => (reader.id === props.userId ? "you" : reader.name)).join(", ")}
          </>
        ) : null}
      </p>
      <label className="flex items-center gap-1">
        <input
          type="checkbox"
          checked={follow}
          onChange={(event) => setFollow(event.target.checked)}
        />
        Follow spotlight
      </label>
    </div>
  );

  function upsert(data: unknown, created: boolean) {
    const item = fromApiAnnotation(data as Parameters<typeof fromApiAnnotation>[0]);
    setAnnotations((current) => {
      const known = current.some((existing) => existing.id === item.id);
      if (known) return current.map((existing) => (existing.id === item.id ? item : existing));
      // New here: only if it belongs in this (filtered) view.
      return (created || !props.filtered) && matchesLiveFilter(item, props.liveFilter, props.userId)
        ? [...current, item]
        : current;
    });
  }

  const margin = (
    <Margin
      annotations={ordered}
      colorOf={colorOf}
      tagColor={tagColor}
      focusedId={focusedId}
      composingId={composingId}
      onComposed={() => setComposingId(null)}
      onReplyCount={countReply}
      liveBar={liveBar}
      spotlitId={spotlit}
      onSpotlight={props.canSpotlight ? (id) => void spotlight(id) : undefined}
      onChange={(changed) =>
        setAnnotations((current) =>
          current.map((item) => (item.id === changed.id ? changed : item)),
        )
      }
      renderAll={renderAll}
      registerCard={(id, element) => {
        // The margin can be mounted twice (beside the text, and in the phone's sheet): a card
        // leaving forgets only its own element.
        const elements = cards.current.get(id) ?? new Set<HTMLElement>();
        elements.add(element);
        cards.current.set(id, elements);
        return () => {
          elements.delete(element);
          if (!elements.size) cards.current.delete(id);
        };
      }}
      onFocusCard={onCardFocus}
      onResolve={(id, status) => void update(id, { status })}
      onDelete={(id) => void remove(id)}
      colorBy={colorBy}
      onColorBy={setColorBy}
      filters={props.filters}
      filtered={props.filtered}
    />
  );

  return (
    <ThreadContext.Provider value={threadContext}>
      <div className="lg:grid lg:grid-cols-[minmax(0,44rem)_20rem] lg:gap-10" data-reader>
        <div
          ref={setRoot}
          className="relative"
          onMouseUp={onArticleClick}
          onKeyDown={onArticleKey}
          data-reading-surface
          data-hydrated={hydrated ? "" : undefined}
        >
          {revised && (
            <div
              role="status"
              className="border-accent/30 bg-accent-soft sticky top-2 z-30 mb-4 flex items-center justify-between gap-3 rounded-lg border p-3 text-sm"
              data-no-print
            >
              The article has just been revised; highlights have moved with it.
              <Button size="sm" onClick={() => window.location.reload()}>
                Show the new text
              </Button>
            </div>
          )}
          <ArticleView
            {...props.document}
            renderText={
              painted
                ? undefined
                : (_index, text, start) => markSegments(text, start, ordered, colorOf)
            }
            afterBlock={
              props.canAnnotate
                ? (index) => (
                    <button
                      type="button"
                      className="sr-only select-none focus:not-sr-only focus:absolute focus:z-10 focus:rounded focus:bg-white focus:px-2 focus:py-1 focus:text-sm focus:shadow"
                      onClick={() => selectBlock(index)}
                      data-no-print
                    >
                      Annotate this paragraph
                    </button>
                  )
                : undefined
            }
          />
          {selection && props.canAnnotate && (
            <SelectionToolbar
              position={selection}
              tagging={tagging}
              vocabulary={tags}
              keptTags={keptTags}
              visibility={visibility}
              onVisibility={setVisibility}
              onHighlight={() => void create(selection, keptTags)}
              onComment={() => void create(selection, keptTags, true)}
              onTag={() => setTagging(true)}
              onCancelTagging={() => setTagging(false)}
              onSubmitTags={(chosen) => {
                setKeptTags(chosen);
                void create(selection, chosen);
              }}
            />
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
          <div className="sticky top-4 max-h-[calc(100dvh-2rem)] overflow-y-auto pr-1">
            {margin}
          </div>
        </aside>
        <div
          className="border-line fixed inset-x-0 bottom-0 z-20 border-t bg-white/95 p-2 lg:hidden"
          data-no-print
        >
          <Dialog open={sheetOpen} onOpenChange={setSheetOpen}>
            <DialogTrigger asChild>
              <Button variant="secondary" className="w-full">
                <ListIcon aria-hidden /> Annotations · {annotations.length}
              </Button>
            </DialogTrigger>
            <DialogContent
              // Opened on a card (a highlight tapped): the card gets the focus, not the sheet.
              onOpenAutoFocus={(event) => {
                if (pendingFocus) event.preventDefault();
              }}
            >
              <DialogTitle>Annotations</DialogTitle>
              <div className="mt-3">{margin}</div>
            </DialogContent>
          </Dialog>
        </div>
      </div>
    </ThreadContext.Provider>
  );
}

const noSubscription = () => () => {};

function authorColor(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return TAG_PALETTE[Math.abs(hash) % TAG_PALETTE.length]!;
}

export interface LiveFilter {
  tag?: string[];
  author?: string;
  mine?: boolean;
  status?: "open" | "resolved";
  q?: string;
}

/** Whether an annotation arriving live belongs in a view filtered by the margin (a text search
 * cannot be judged here: with one, only annotations already listed are updated). */
function matchesLiveFilter(item: AnnotationItem, filter: LiveFilter, userId: string): boolean {
  if (filter.q) return false;
  if (filter.status && item.status !== filter.status) return false;
  if (filter.mine && item.author.id !== userId) return false;
  if (filter.author && item.author.id !== filter.author) return false;
  if (filter.tag?.length) {
    const wanted = new Set(filter.tag.map(normalizeTagName));
    if (!item.tags.some((tag) => wanted.has(normalizeTagName(tag)))) return false;
  }
  return true;
}
