"use client";

import dynamic from "next/dynamic";
import { useState, useSyncExternalStore } from "react";

import type { CommentEditorProps } from "./comment-editor";
import { hasDraft } from "./draft-storage";
import { EditorSkeleton } from "./editor-frame";

// Reading stays light: Tiptap and ProseMirror load only once someone starts writing. Until
// then a button that looks like a text box stands in for the editor. Only types come from
// ./comment-editor and @tiptap here (`import type`), so the editor's code is a separate chunk.

const CommentEditor = dynamic(() => import("./comment-editor").then((m) => m.CommentEditor), {
  ssr: false,
  loading: () => <EditorSkeleton />,
});

const noSubscription = () => () => {};

export function LazyCommentEditor({
  collapsedLabel,
  ...props
}: CommentEditorProps & { collapsedLabel?: string }) {
  const [activated, setActivated] = useState(false);
  // A saved draft opens the editor at once (false on the server and while hydrating).
  const draftSaved = useSyncExternalStore(
    noSubscription,
    () => hasDraft(props.draftKey),
    () => false,
  );

  if (activated || props.autoFocus || draftSaved) {
    return (
      // Once someone has been in the editor it stays, even when its draft is posted or cleared.
      <div onFocusCapture={activated ? undefined : () => setActivated(true)}>
        <CommentEditor {...props} autoFocus={props.autoFocus || activated} />
      </div>
    );
  }

  const activate = () => setActivated(true);
  return (
    <button
      type="button"
      aria-label={props.label}
      onClick={activate}
      onFocus={activate}
      onKeyDown={activate}
      className="border-line text-muted hover:border-ink/20 flex h-10 w-full cursor-text items-center rounded-md border bg-white px-3 text-left text-base shadow-xs transition-colors sm:text-sm"
    >
      <span className="truncate">{collapsedLabel ?? props.placeholder ?? props.label}</span>
    </button>
  );
}
