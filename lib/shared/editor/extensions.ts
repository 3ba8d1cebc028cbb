import type { AnyExtension } from "@tiptap/core";
import Mention, { type MentionOptions } from "@tiptap/extension-mention";
import StarterKit from "@tiptap/starter-kit";

import { isSafeHref } from "./links";

// The one Tiptap extension list for comments and replies. The browser's editor is built from
// it, and the server rebuilds the ProseMirror schema from it to validate what it receives and
// to render the HTML it stores (lib/server/editor). What a comment may hold: paragraphs, hard
// breaks, bold, italic, strike, inline code, links (http, https, mailto), bullet and ordered
// lists, blockquotes, code blocks, and @mentions of workspace members.

export interface CommentExtensionOptions {
  /** The browser's @-autocomplete (the server passes none: it changes no schema). */
  mentionSuggestion?: MentionOptions["suggestion"];
}

export function commentExtensions(options: CommentExtensionOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: false,
      horizontalRule: false,
      underline: false,
      dropcursor: false,
      gapcursor: false,
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: "https",
        protocols: ["http", "https", "mailto"],
        isAllowedUri: (url) => isSafeHref(url),
        shouldAutoLink: (url) => isSafeHref(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow ugc", target: "_blank" },
      },
    }),
    Mention.configure({
      HTMLAttributes: { class: "mention" },
      renderText: ({ node }) => `@${node.attrs.label ?? node.attrs.id}`,
      renderHTML: ({ node, options }) => [
        "span",
        { ...options.HTMLAttributes, "data-type": "mention", "data-id": node.attrs.id },
        `@${node.attrs.label ?? ""}`,
      ],
      ...(options.mentionSuggestion ? { suggestion: options.mentionSuggestion } : {}),
    }),
  ];
}

/** Limits on one comment or reply. */
export const COMMENT_LIMITS = {
  /** Characters of text (what a reader reads). */
  maxChars: 20_000,
  /** Nesting of nodes below the document (a list in a quote in a list…). */
  maxDepth: 12,
  /** Nodes and text pieces in all. */
  maxNodes: 10_000,
  /** The JSON as received, in bytes. */
  maxJsonBytes: 256 * 1024,
} as const;
