// W3C Web Annotation selectors for a passage of a revision's canonical text. The quote and its
// context are what survive an edit; the position is only a hint, valid for the revision the
// annotation was made on.

export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  start: number;
  end: number;
}

export interface Target {
  quote: TextQuoteSelector;
  position?: TextPositionSelector | null;
}

/** Characters of context kept on each side: enough to tell repeated phrases apart. */
export const CONTEXT_LENGTH = 32;

function clamp(value: number, max: number): number {
  if (!Number.isFinite(value)) return value > 0 ? max : 0;
  return Math.min(Math.max(Math.trunc(value), 0), max);
}

/** Build the selectors for text.slice(start, end): exact, 32 chars of prefix and suffix. */
export function describeRange(text: string, start: number, end: number): Target {
  // Out-of-range or reversed offsets come from UI selections racing an edit; describe what is
  // actually there rather than throw.
  const a = clamp(start, text.length);
  const b = clamp(end, text.length);
  const from = Math.min(a, b);
  const to = Math.max(a, b);
  return {
    quote: {
      exact: text.slice(from, to),
      prefix: text.slice(Math.max(0, from - CONTEXT_LENGTH), from),
      suffix: text.slice(to, to + CONTEXT_LENGTH),
    },
    position: { start: from, end: to },
  };
}
