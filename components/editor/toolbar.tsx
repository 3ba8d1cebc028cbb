"use client";

import type { Editor } from "@tiptap/core";
import {
  BoldIcon,
  CodeIcon,
  ItalicIcon,
  LinkIcon,
  ListIcon,
  ListOrderedIcon,
  QuoteIcon,
  SquareCodeIcon,
  StrikethroughIcon,
  type LucideIcon,
} from "lucide-react";
import { Fragment, useRef, useState, type KeyboardEvent } from "react";

import { cn } from "@/lib/client/cn";

import { TOOLBAR_ROW } from "./editor-frame";

export type FormatName =
  | "bold"
  | "italic"
  | "strike"
  | "code"
  | "link"
  | "bulletList"
  | "orderedList"
  | "blockquote"
  | "codeBlock";

export type ActiveFormats = Record<FormatName, boolean>;

interface Tool {
  name: FormatName;
  label: string;
  icon: LucideIcon;
  /** Keys in ProseMirror's notation ("Mod" is Cmd on a Mac, Ctrl elsewhere). */
  keys?: string;
  /** The Markdown that types the same thing. */
  markdown?: string;
  /** Starts a new group (a thin rule is drawn before it). */
  group?: boolean;
  run?: (editor: Editor) => void;
}

const TOOLS: Tool[] = [
  {
    name: "bold",
    label: "Bold",
    icon: BoldIcon,
    keys: "Mod-B",
    markdown: "**text**",
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    name: "italic",
    label: "Italic",
    icon: ItalicIcon,
    keys: "Mod-I",
    markdown: "*text*",
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    name: "strike",
    label: "Strikethrough",
    icon: StrikethroughIcon,
    keys: "Mod-Shift-S",
    markdown: "~~text~~",
    run: (e) => e.chain().focus().toggleStrike().run(),
  },
  {
    name: "code",
    label: "Inline code",
    icon: CodeIcon,
    keys: "Mod-E",
    markdown: "`text`",
    run: (e) => e.chain().focus().toggleCode().run(),
  },
  { name: "link", label: "Link", icon: LinkIcon, keys: "Mod-K" },
  {
    name: "bulletList",
    label: "Bulleted list",
    icon: ListIcon,
    keys: "Mod-Shift-8",
    markdown: "- ",
    group: true,
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    name: "orderedList",
    label: "Numbered list",
    icon: ListOrderedIcon,
    keys: "Mod-Shift-7",
    markdown: "1. ",
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    name: "blockquote",
    label: "Quote",
    icon: QuoteIcon,
    keys: "Mod-Shift-B",
    markdown: "> ",
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
  {
    name: "codeBlock",
    label: "Code block",
    icon: SquareCodeIcon,
    keys: "Mod-Alt-C",
    markdown: "```",
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
  },
];

/** "Mod-Shift-B" as a person reads it on this platform: "⌘⇧B" or "Ctrl+Shift+B". */
export function shortcutText(keys: string, mac: boolean): string {
  const parts = keys.split("-");
  if (mac) {
    const symbols: Record<string, string> = { Mod: "⌘", Shift: "⇧", Alt: "⌥", Enter: "↩" };
    return parts.map((part) => symbols[part] ?? part).join("");
  }
  return parts.map((part) => (part === "Mod" ? "Ctrl" : part)).join("+");
}

function ariaKeys(keys: string, mac: boolean): string {
  return keys
    .split("-")
    .map((part) => (part === "Mod" ? (mac ? "Meta" : "Control") : part))
    .join("+");
}

/** The formatting buttons: one tab stop, arrow keys move between buttons (WAI-ARIA toolbar). */
export function Toolbar({
  editor,
  active,
  disabled,
  mac,
  onLink,
}: {
  editor: Editor | null;
  active: ActiveFormats | null;
  disabled: boolean;
  mac: boolean;
  onLink: () => void;
}) {
  const [current, setCurrent] = useState(0);
  const rowRef = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const buttons = Array.from(rowRef.current?.querySelectorAll("button") ?? []);
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (at < 0) return;
    const next =
      event.key === "ArrowRight"
        ? (at + 1) % buttons.length
        : event.key === "ArrowLeft"
          ? (at - 1 + buttons.length) % buttons.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? buttons.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    setCurrent(next);
    buttons[next]?.focus();
  }

  return (
    <div
      ref={rowRef}
      role="toolbar"
      aria-label="Formatting"
      className={TOOLBAR_ROW}
      onKeyDown={onKeyDown}
    >
      {TOOLS.map((tool, index) => {
        const shortcut = tool.keys ? shortcutText(tool.keys, mac) : null;
        const hint = [shortcut, tool.markdown && `or type ${tool.markdown}`]
          .filter(Boolean)
          .join(", ");
        const Icon = tool.icon;
        return (
          <Fragment key={tool.name}>
            {tool.group && <span aria-hidden className="bg-line mx-1 h-5 w-px" />}
            <button
              type="button"
              tabIndex={index === current ? 0 : -1}
              aria-label={shortcut ? `${tool.label} (${shortcut})` : tool.label}
              title={hint ? `${tool.label} (${hint})` : tool.label}
              aria-pressed={active?.[tool.name] ?? false}
              aria-keyshortcuts={tool.keys && ariaKeys(tool.keys, mac)}
              disabled={disabled || !editor}
              onFocus={() => setCurrent(index)}
              // Keep the editor's selection: the button acts on it.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                if (!editor) return;
                if (tool.name === "link") onLink();
                else tool.run?.(editor);
              }}
              className={cn(
                "text-ink/75 hover:bg-ink/5 hover:text-ink inline-flex size-8 items-center justify-center rounded transition-colors disabled:pointer-events-none disabled:opacity-50",
                "aria-pressed:bg-accent-soft aria-pressed:text-accent",
              )}
            >
              <Icon className="size-4" aria-hidden />
            </button>
          </Fragment>
        );
      })}
    </div>
  );
}
