import { CONTEXT_LENGTH } from "@/lib/shared/anchoring/selectors";

// A little of the text around an excerpt for the clip books (Markdown, Word, print):
// "…allies in the [Collective Security Treaty Organization] last week as Moscow…".
// Stored context is CONTEXT_LENGTH characters on each side, so its outer word is usually cut
// in half: a context that long is taken to be cut, its broken word dropped and "…" shown.
// A shorter one reached the start or end of the text, and stays whole. Context never crosses
// a paragraph break: the text beyond it belongs to another paragraph.

export const CONTEXT_CHARS = 60;

const PARAGRAPH = /\n\s*\n/;

/** The end of the text before a quote, cut at a word boundary: "…the minister said ". */
export function contextBefore(prefix: string, max = CONTEXT_CHARS): string {
  const parts = prefix.split(PARAGRAPH);
  const paragraph = parts.at(-1)!;
  let text = paragraph.replace(/\s+/g, " ").trimStart();
  const cut = (parts.length === 1 && prefix.length >= CONTEXT_LENGTH) || text.length > max;
  if (!cut) return text;
  text = text.slice(-max);
  const space = text.indexOf(" ");
  return `…${space >= 0 && space < text.length - 1 ? text.slice(space + 1) : text}`;
}

/** The start of the text after a quote, cut at a word boundary: " in Minsk on Friday…". */
export function contextAfter(suffix: string, max = CONTEXT_CHARS): string {
  const parts = suffix.split(PARAGRAPH);
  let text = parts[0]!.replace(/\s+/g, " ").trimEnd();
  const cut = (parts.length === 1 && suffix.length >= CONTEXT_LENGTH) || text.length > max;
  if (!cut) return text;
  text = text.slice(0, max);
  const space = text.lastIndexOf(" ");
  return `${space > 0 ? text.slice(0, space) : text}…`;
}
