import { cn } from "@/lib/client/cn";

// Shared by the real editor and the stand-ins shown while it loads, so that swapping one for
// the other does not move the page. Keep CONTENT_BOX in step with `.comment-editor` in
// app/globals.css (min-height 6rem, padding 0.5rem 0.75rem).

/** The bordered box around the toolbar and the text; rings when the text box has focus. */
export const EDITOR_BOX =
  "border-line overflow-hidden rounded-md border bg-white shadow-xs transition-colors has-[.comment-editor:focus]:border-accent has-[.comment-editor:focus]:ring-2 has-[.comment-editor:focus]:ring-accent/30";

/** The toolbar row: 2rem buttons with 0.25rem of padding and a bottom rule. */
export const TOOLBAR_ROW = "border-line flex min-h-10 flex-wrap items-center gap-0.5 border-b p-1";

/** The text area below the toolbar. */
export const CONTENT_BOX = "min-h-24 px-3 py-2";

/** The row of buttons under the box. */
export const FOOTER_ROW = "flex min-h-8 flex-wrap items-center justify-end gap-2";

/** A same-sized, inert stand-in for the editor while its code loads. */
export function EditorSkeleton({
  placeholder,
  className,
}: {
  placeholder?: string;
  className?: string;
}) {
  return (
    <div className={cn("space-y-2", className)} aria-busy="true">
      <div className={EDITOR_BOX}>
        <div className={TOOLBAR_ROW} aria-hidden>
          {Array.from({ length: 9 }, (_, index) => (
            <span key={index} className="bg-ink/5 m-1.5 size-5 rounded" />
          ))}
        </div>
        <div className={cn(CONTENT_BOX, "text-muted text-base leading-relaxed sm:text-sm")}>
          <span aria-hidden>{placeholder}</span>
          <span className="sr-only">Loading the editor…</span>
        </div>
      </div>
      <div className={FOOTER_ROW} aria-hidden>
        <span className="bg-ink/5 h-8 w-20 rounded-md" />
      </div>
    </div>
  );
}
