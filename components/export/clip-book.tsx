import { CommentBody } from "@/components/editor/comment-body";
import { contextAfter, contextBefore } from "@/lib/shared/export/context";
import { authorLabel } from "@/lib/shared/export/labels";
import type { ClipBookView, ExportAnnotation } from "@/lib/shared/export/types";

// The clip book on a page, made for paper: excerpts grouped under their tags, each with a
// little context, who made it, the comment and (if asked) the replies. Comments and replies
// are the HTML the server rendered from validated Tiptap JSON, as everywhere else.

export function ClipBook({ book, backHref }: { book: ClipBookView; backHref: string }) {
  const date = new Date().toLocaleDateString("en", { dateStyle: "long" });
  return (
    <article className="clip-book mx-auto max-w-[42rem] font-serif" data-clip-book>
      <header className="border-line mb-8 border-b pb-4">
        <p className="text-muted text-sm">Clip book · {date}</p>
        <h1 className="text-3xl font-semibold tracking-tight">{book.title}</h1>
        <p className="text-muted mt-2 text-sm">
          {book.total.toLocaleString("en")} annotation{book.total === 1 ? "" : "s"}
          {book.filterSummary ? ` · ${book.filterSummary}` : ""}
        </p>
        {book.limited && (
          <p className="mt-2 text-sm" role="note">
            This page shows the first {book.shown.toLocaleString("en")} excerpts. For all of them,
            export the clip book as Word or Markdown.{" "}
            <a href={backHref} className="text-accent underline" data-no-print>
              Back
            </a>
          </p>
        )}
      </header>
      {book.groups.length === 0 && <p className="text-muted">Nothing matches these filters.</p>}
      {book.groups.map(({ group, annotations }) => (
        <section key={group?.name ?? "(untagged)"} className="mb-10 break-before-auto">
          <h2 className="mb-1 flex items-center gap-2 text-2xl font-semibold">
            {group && (
              <span
                aria-hidden
                className="inline-block size-3 rounded-full"
                style={{ backgroundColor: group.color }}
              />
            )}
            {group?.name ?? "Untagged"}
            <span className="text-muted text-base font-normal">({annotations.length})</span>
          </h2>
          {group?.description && <p className="text-muted mb-3 italic">{group.description}</p>}
          {annotations.map((annotation) => (
            <Excerpt
              key={annotation.id}
              annotation={annotation}
              color={group?.color}
              withReplies={book.withReplies}
              showDocument={book.scope === "workspace"}
            />
          ))}
        </section>
      ))}
    </article>
  );
}

function Excerpt({
  annotation,
  color,
  withReplies,
  showDocument,
}: {
  annotation: ExportAnnotation;
  color?: string;
  withReplies: boolean;
  showDocument: boolean;
}) {
  const before = contextBefore(annotation.quote.prefix, 80);
  const after = contextAfter(annotation.quote.suffix, 80);
  const made = new Date(annotation.createdAt).toLocaleDateString("en", { dateStyle: "medium" });
  return (
    <figure className="mt-5 break-inside-avoid">
      <blockquote
        className="border-l-4 pl-4 leading-relaxed"
        style={{ borderColor: color ?? "var(--color-line)" }}
      >
        <span className="text-muted">{before}</span>
        <strong>{annotation.quote.exact}</strong>
        <span className="text-muted">{after}</span>
      </blockquote>
      <figcaption className="text-muted mt-1 pl-5 font-sans text-xs">
        — {authorLabel(annotation)}
        {showDocument && <>, {annotation.document.title}</>}, {made}
        {annotation.status === "resolved" && " · resolved"}
        {annotation.anchorState === "fuzzy" && " · the text has changed here"}
        {annotation.anchorState === "orphaned" && " · passage no longer in the text"}
        {annotation.visibility === "private" && " · private"} ·{" "}
        <a href={annotation.url} className="underline">
          link
        </a>
      </figcaption>
      {annotation.bodyHtml && (
        <CommentBody html={annotation.bodyHtml} className="mt-2 pl-5 font-sans text-sm" />
      )}
      {withReplies && annotation.replies.length > 0 && (
        <ul className="mt-2 grid gap-1.5 pl-9 font-sans text-sm">
          {annotation.replies.map((reply) => (
            <li key={reply.id}>
              <span className="font-medium">{authorLabel(reply)}</span>{" "}
              <span className="text-muted text-xs">
                {new Date(reply.createdAt).toLocaleDateString("en", { dateStyle: "medium" })}
              </span>
              <CommentBody html={reply.bodyHtml} />
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
