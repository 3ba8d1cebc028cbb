import { z } from "zod";

import { type Format, type Quote, isObject, read, terms } from "./fields";

// The W3C selectors both formats use (Hypothesis writes the W3C ones): the first
// TextQuoteSelector, and the first TextPositionSelector of the target itself (one inside a
// `refinedBy` counts from the start of what it refines, not of the document, so it is no hint).

const typed = z.object({ type: z.union([z.string(), z.array(z.string())]).optional() });
const quoteSchema = z.object({
  exact: z.string(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
const positionSchema = z.object({
  start: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  end: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
});

export interface Selected {
  quote: Quote | null;
  position: { start: number; end: number } | null;
}

const MAX_REFINEMENT = 8;

export function readSelectors(format: Format, value: unknown, path: string): Selected {
  const found: Selected = { quote: null, position: null };
  visit(format, value, path, 0, found);
  return found;
}

function visit(format: Format, value: unknown, path: string, depth: number, found: Selected) {
  if (value === undefined || value === null || depth > MAX_REFINEMENT) return;
  const list = Array.isArray(value) ? value : [value];
  list.forEach((selector: unknown, i) => {
    const at = Array.isArray(value) ? `${path}[${i}]` : path;
    // A selector given as an IRI says nothing about a passage.
    if (typeof selector === "string") return;
    if (!isObject(selector)) read(format, typed, selector, at);
    const kinds = terms(read(format, typed, selector, at).type);
    if (kinds.includes("TextQuoteSelector") && !found.quote) {
      const quote = read(format, quoteSchema, selector, at);
      found.quote = { exact: quote.exact, prefix: quote.prefix ?? "", suffix: quote.suffix ?? "" };
    } else if (kinds.includes("TextPositionSelector") && depth === 0 && !found.position) {
      const { start, end } = read(format, positionSchema, selector, at);
      if (end > start) found.position = { start, end };
    }
    if (Object.hasOwn(selector as object, "refinedBy")) {
      const refined = (selector as Record<string, unknown>).refinedBy;
      visit(format, refined, `${at}.refinedBy`, depth + 1, found);
    }
  });
}
