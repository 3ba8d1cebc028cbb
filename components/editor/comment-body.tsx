import { cn } from "@/lib/client/cn";

/** A comment or reply as the server rendered it. */
export function CommentBody({ html, className }: { html: string; className?: string }) {
  // Safe to inject: this HTML is never what a client sent. Clients send Tiptap JSON only; the
  // server checks it against the shared schema (lib/shared/editor/extensions.ts), refuses unsafe
  // link targets, and renders the HTML itself from the validated JSON
  // (lib/server/editor/comment-body.ts). Only that output reaches this component.
  return (
    <div className={cn("comment-body", className)} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
