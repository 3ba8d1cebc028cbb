import type { MentionNodeAttrs, MentionOptions } from "@tiptap/extension-mention";
import { PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { exitSuggestion, type SuggestionProps } from "@tiptap/suggestion";

import type { Mentionable } from "./comment-editor";

// The @-autocomplete of the comment editor: which members match what was typed, and a small
// controller between Tiptap's suggestion plugin (which calls back outside React) and the popup
// that React renders (mention-popup.tsx).

export const MAX_MENTION_SUGGESTIONS = 8;

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/** Members whose name has a word starting with the query first, then those containing it. */
export function filterMentionables(
  members: readonly Mentionable[],
  query: string,
  limit = MAX_MENTION_SUGGESTIONS,
): Mentionable[] {
  const needle = fold(query.trim());
  if (!needle) return members.slice(0, limit);
  const prefix: Mentionable[] = [];
  const inside: Mentionable[] = [];
  for (const member of members) {
    const name = fold(member.name);
    if (name.startsWith(needle) || name.split(/[\s\-'’.]+/).some((w) => w.startsWith(needle))) {
      prefix.push(member);
    } else if (name.includes(needle)) {
      inside.push(member);
    }
  }
  return [...prefix, ...inside].slice(0, limit);
}

/** What the popup shows; null when it is closed. */
export interface MentionMenu {
  items: Mentionable[];
  selected: number;
  /** Where the caret is, in viewport coordinates (asked afresh on scroll and resize). */
  caretRect: () => DOMRect | null;
  choose: (index: number) => void;
  highlight: (index: number) => void;
}

type Props = SuggestionProps<Mentionable, MentionNodeAttrs>;

export interface MentionController {
  suggestion: MentionOptions<Mentionable, MentionNodeAttrs>["suggestion"];
  isOpen: () => boolean;
  /** Closes the popup (e.g. when the editor loses focus). */
  close: (view: EditorView) => void;
}

export function createMentionController(options: {
  members: () => readonly Mentionable[];
  onChange: (menu: MentionMenu | null) => void;
}): MentionController {
  const pluginKey = new PluginKey("commentMention");
  let props: Props | null = null;
  let selected = 0;

  const choose = (index: number) => {
    const item = props?.items[index];
    if (item) props?.command({ id: item.id, label: item.name });
  };
  const highlight = (index: number) => {
    if (!props || index === selected || index < 0 || index >= props.items.length) return;
    selected = index;
    publish();
  };
  const publish = () => {
    const current = props;
    options.onChange(
      current
        ? {
            items: current.items,
            selected,
            caretRect: () => current.clientRect?.() ?? null,
            choose,
            highlight,
          }
        : null,
    );
  };

  return {
    isOpen: () => props !== null,
    close: (view) => {
      if (props) exitSuggestion(view, pluginKey);
    },
    suggestion: {
      char: "@",
      pluginKey,
      items: ({ query }) => filterMentionables(options.members(), query),
      render: () => ({
        onStart: (next) => {
          props = next;
          selected = 0;
          publish();
        },
        onUpdate: (next) => {
          if (next.query !== props?.query) selected = 0;
          props = next;
          selected = Math.min(selected, Math.max(0, next.items.length - 1));
          publish();
        },
        onExit: () => {
          props = null;
          selected = 0;
          publish();
        },
        onKeyDown: ({ event }) => {
          if (!props) return false;
          // Escape: the plugin closes the suggestion itself once this returns.
          if (event.key === "Escape") return true;
          const count = props.items.length;
          if (event.ctrlKey || event.metaKey || event.altKey) return false;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (count > 0) {
              selected = (selected + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
              publish();
            }
            return true;
          }
          if ((event.key === "Enter" || event.key === "Tab") && !event.shiftKey && count > 0) {
            choose(selected);
            return true;
          }
          return false;
        },
      }),
    },
  };
}
