// A little of the text around an excerpt, cut at a word boundary: "…of the bloc's members
// [exact] as the summit closed…". Shared by the clip books (Markdown, Word, print).

export function contextAround(
  quote: { prefix: string; suffix: string },
  max = 60,
): { before: string; after: string } {
  return { before: lead(quote.prefix, max), after: tail(quote.suffix, max) };
}

function lead(prefix: string, max: number): string {
  const text = prefix.replace(/\s+/g, " ");
  if (text.length <= max) return text;
  const cut = text.slice(text.length - max);
  const space = cut.indexOf(" ");
  return `…${space >= 0 && space < max / 2 ? cut.slice(space + 1) : cut}`;
}

function tail(suffix: string, max: number): string {
  const text = suffix.replace(/\s+/g, " ");
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
