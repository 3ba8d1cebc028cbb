"use client";

import { Extension, type Editor, type JSONContent } from "@tiptap/core";
import { Placeholder } from "@tiptap/extensions/placeholder";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { LoaderCircleIcon } from "lucide-react";
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";

import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { cn } from "@/lib/client/cn";
import { COMMENT_LIMITS, commentExtensions } from "@/lib/shared/editor/extensions";

import { readDraft, removeDraft, writeDraft } from "./draft-storage";
import { CONTENT_BOX, EDITOR_BOX, EditorSkeleton, FOOTER_ROW } from "./editor-frame";
import { LinkForm } from "./link-form";
import { MentionPopup } from "./mention-popup";
import { createMentionController, type MentionMenu } from "./mentions";
import { shortcutText, Toolbar, type ActiveFormats } from "./toolbar";

// The rich-text editor for comments and replies. Its schema is exactly the shared extension
// list (lib/shared/editor/extensions.ts), which the server validates against; what is added
// here (placeholder, keyboard shortcuts) is behaviour only and adds no node or mark.

export interface Mentionable {
  id: string;
  name: string;
}

export interface CommentEditorProps {
  /** localStorage key for the draft: the draft survives a reload or a failed post. */
  draftKey: string;
  /** Workspace members, for @-autocomplete. */
  mentionables: Mentionable[];
  /** When editing an existing comment. A saved draft wins over it. */
  initialContent?: JSONContent | null;
  /** e.g. "Reply…" */
  placeholder?: string;
  /** e.g. "Reply", "Save" */
  submitLabel: string;
  /** Throws (with .message) on failure: the text and the draft are then kept. */
  onSubmit: (body: JSONContent) => Promise<void>;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** Accessible name of the text box. */
  label: string;
}

/** What the keyboard shortcuts and the @-autocomplete need from the latest render. */
interface Handlers {
  submit: () => void;
  cancel: (() => void) | undefined;
  openLink: () => void;
  members: readonly Mentionable[];
}

/** A box for the latest value, read by callbacks that outlive the render that made them. (A
 * ref, except that the React Compiler's lint refuses refs handed to code built in render.) */
class Latest<T> {
  constructor(public current: T) {}
  set(value: T) {
    this.current = value;
  }
}

const DRAFT_DELAY_MS = 300;

/** Nothing worth posting or keeping: no text and no mention. */
function isBlank(editor: Editor): boolean {
  return editor.getText().trim().length === 0;
}

/** What the toolbar and the footer show. */
function snapshot(editor: Editor | null) {
  if (!editor) return null;
  const active: ActiveFormats = {
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    strike: editor.isActive("strike"),
    code: editor.isActive("code"),
    link: editor.isActive("link"),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    blockquote: editor.isActive("blockquote"),
    codeBlock: editor.isActive("codeBlock"),
  };
  return { active, blank: isBlank(editor), chars: editor.state.doc.textContent.length };
}

const noSubscription = () => () => {};
function useIsMac(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => /Mac|iPhone|iPad|iPod/.test(navigator.platform || navigator.userAgent),
    () => false,
  );
}

/** Drafts cancelled by their editor: nothing writes them back, not even the save on unmount. */
const discardedDrafts = new Set<string>();

export function CommentEditor({
  draftKey,
  mentionables,
  initialContent,
  placeholder,
  submitLabel,
  onSubmit,
  onCancel,
  autoFocus,
  label,
}: CommentEditorProps) {
  const [menu, setMenu] = useState<MentionMenu | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The address being edited in the link form; null while the form is closed. */
  const [linkHref, setLinkHref] = useState<string | null>(null);
  // Cancel discards the draft: nothing is written after it, not even on unmount.
  const cancel = onCancel
    ? () => {
        discardedDrafts.add(draftKey);
        removeDraft(draftKey);
        onCancel();
      }
    : undefined;
  const listboxId = useId();
  const optionId = useCallback((index: number) => `${listboxId}-option-${index}`, [listboxId]);
  const mac = useIsMac();

  // Built once: Tiptap keeps the extensions it was created with. They reach the latest props
  // and callbacks through `handlers`, refreshed after every render.
  const [setup] = useState(() => {
    const handlers = new Latest<Handlers>({
      submit: () => {},
      cancel: undefined,
      openLink: () => {},
      members: mentionables,
    });
    const mention = createMentionController({
      members: () => handlers.current.members,
      onChange: setMenu,
    });
    const keys = Extension.create({
      name: "commentEditorKeys",
      // Before StarterKit's hard break, which also claims Mod-Enter.
      priority: 1000,
      addKeyboardShortcuts: () => ({
        "Mod-Enter": () => {
          handlers.current.submit();
          return true;
        },
        "Mod-k": () => {
          handlers.current.openLink();
          return true;
        },
        Escape: () => {
          const cancel = handlers.current.cancel;
          // While the member list is open, Escape closes it (the suggestion plugin's job).
          if (mention.isOpen() || !cancel) return false;
          cancel();
          return true;
        },
      }),
    });
    return {
      handlers,
      mention,
      extensions: [
        ...commentExtensions({ mentionSuggestion: mention.suggestion }),
        Placeholder.configure({ placeholder: placeholder ?? "" }),
        keys,
      ],
      content: readDraft(draftKey) ?? initialContent ?? null,
      autofocus: autoFocus ? ("end" as const) : false,
    };
  });

  const editorProps = useMemo(
    () => ({
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        "aria-autocomplete": "list",
        class: cn("comment-editor", CONTENT_BOX),
        "data-comment-editor": "",
      },
    }),
    [label],
  );

  const editor = useEditor({
    extensions: setup.extensions,
    content: setup.content,
    autofocus: setup.autofocus,
    immediatelyRender: false,
    editorProps,
  });

  // useEditorState may hold its first (null) answer until the first transaction: read the
  // editor directly until then.
  const selected = useEditorState({ editor, selector: ({ editor: current }) => snapshot(current) });
  const state = selected ?? snapshot(editor);

  // The draft: written a moment after each change, removed once the editor is blank, and
  // written at once when the page goes away.
  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      timer = undefined;
      if (editor.isDestroyed || discardedDrafts.has(draftKey)) return;
      if (isBlank(editor)) removeDraft(draftKey);
      else writeDraft(draftKey, editor.getJSON());
    };
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(save, DRAFT_DELAY_MS);
    };
    const flush = () => {
      if (timer !== undefined) {
        clearTimeout(timer);
        save();
      }
    };
    discardedDrafts.delete(draftKey); // a new editor on this key keeps its draft again
    editor.on("update", onUpdate);
    window.addEventListener("pagehide", flush);
    return () => {
      editor.off("update", onUpdate);
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [editor, draftKey]);

  // The member list closes when the editor loses the focus (an option's click keeps it).
  useEffect(() => {
    if (!editor) return;
    const onBlur = () => setup.mention.close(editor.view);
    editor.on("blur", onBlur);
    return () => {
      editor.off("blur", onBlur);
    };
  }, [editor, setup]);

  // The text box keeps the focus while the list is open and points at the highlighted option.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const dom = editor.view.dom;
    if (menu && menu.items.length > 0) {
      dom.setAttribute("aria-controls", listboxId);
      dom.setAttribute("aria-activedescendant", optionId(menu.selected));
    } else {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    }
  }, [editor, menu, listboxId, optionId]);

  async function submit() {
    // Not editable means a post is under way.
    if (!editor || editor.isDestroyed || !editor.isEditable) return;
    if (isBlank(editor)) {
      editor.commands.focus();
      return;
    }
    if (editor.state.doc.textContent.length > COMMENT_LIMITS.maxChars) {
      setError(`A comment holds at most ${COMMENT_LIMITS.maxChars.toLocaleString()} characters.`);
      return;
    }
    const body = editor.getJSON();
    setError(null);
    setPending(true);
    setLinkHref(null);
    editor.setEditable(false, false);
    try {
      await onSubmit(body);
      removeDraft(draftKey);
      if (!editor.isDestroyed) {
        editor.setEditable(true, false);
        editor.commands.clearContent(true);
        editor.commands.focus();
      }
    } catch (failure) {
      writeDraft(draftKey, body);
      setError(
        failure instanceof Error && failure.message
          ? failure.message
          : "Could not post this. Your text is kept: try again.",
      );
      if (!editor.isDestroyed) {
        editor.setEditable(true, false);
        editor.commands.focus();
      }
    } finally {
      setPending(false);
    }
  }

  function openLink() {
    if (!editor || !editor.isEditable) return;
    const href: unknown = editor.getAttributes("link").href;
    setLinkHref(typeof href === "string" ? href : "");
  }

  function applyLink(href: string) {
    if (!editor) return;
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address becomes the link's text, followed by a plain space.
      const text = href.replace(/^mailto:/i, "");
      editor
        .chain()
        .focus()
        .insertContent([
          { type: "text", text, marks: [{ type: "link", attrs: { href } }] },
          { type: "text", text: " " },
        ])
        .run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    setLinkHref(null);
  }

  function removeLink() {
    editor?.chain().focus().extendMarkRange("link").unsetLink().run();
    setLinkHref(null);
  }

  useLayoutEffect(() => {
    setup.handlers.set({
      submit: () => void submit(),
      cancel,
      openLink,
      members: mentionables,
    });
  });

  if (!editor || !state) return <EditorSkeleton placeholder={placeholder} />;

  const over = state.chars > COMMENT_LIMITS.maxChars;
  const showCount = state.chars > COMMENT_LIMITS.maxChars * 0.9;

  return (
    <div className="space-y-2">
      <div className={EDITOR_BOX}>
        <Toolbar
          editor={editor}
          active={state.active}
          disabled={pending}
          mac={mac}
          onLink={openLink}
        />
        {linkHref !== null && (
          <LinkForm
            initial={linkHref}
            onApply={applyLink}
            onRemove={removeLink}
            onClose={() => {
              setLinkHref(null);
              editor.commands.focus();
            }}
          />
        )}
        <EditorContent editor={editor} className={cn(pending && "opacity-60")} />
      </div>
      {menu && <MentionPopup menu={menu} listboxId={listboxId} optionId={optionId} />}
      {error && <FieldError>{error}</FieldError>}
      <div className={cn(FOOTER_ROW, "justify-between")}>
        <p className="text-muted hidden text-xs sm:block">
          <kbd className="font-sans">{shortcutText("Mod-Enter", mac)}</kbd> to{" "}
          {submitLabel.toLocaleLowerCase()} · <kbd className="font-sans">@</kbd> to mention
        </p>
        <div className="ml-auto flex items-center gap-2">
          {showCount && (
            <span
              className={cn("text-xs tabular-nums", over ? "text-danger" : "text-muted")}
              aria-live="polite"
            >
              {state.chars.toLocaleString()} / {COMMENT_LIMITS.maxChars.toLocaleString()}
            </span>
          )}
          {cancel && (
            <Button type="button" size="sm" variant="ghost" onClick={cancel} disabled={pending}>
              Cancel
            </Button>
          )}
          <Button
            type="button"
            size="sm"
            onClick={() => void submit()}
            disabled={pending || state.blank || over}
            aria-busy={pending || undefined}
          >
            {pending && <LoaderCircleIcon className="animate-spin" aria-hidden />}
            {submitLabel}
          </Button>
        </div>
      </div>
    </div>
  );
}
