import "server-only";

import { anchor, type Anchor } from "@/lib/shared/anchoring";
import type { ImportedAnnotation } from "@/lib/shared/export/import/types";

// Anchoring imported quotes, within a budget. A quote that is not in the text verbatim costs an
// approximate search over the whole text (~85 ms on 1 MB): a file of thousands of quotes that
// are nowhere would otherwise hold a core for an hour. Each import gets FUZZY_BUDGET characters
// of approximate searching; past it, a quote not found verbatim is kept as an orphan without a
// search (the report counts it so). The caller yields to the event loop between annotations.

/** Characters of text an import may search approximately: ~10 s of work on this hardware. */
export const FUZZY_BUDGET = 120_000_000;

export interface PlacementBudget {
  left: number;
}

type Quote = ImportedAnnotation["quote"];

/** Anchors an imported quote. Quotes taken from a web page's DOM (Hypothesis) carry its
 * whitespace: runs of tabs and newlines where Glossa's text has one space or a paragraph break
 * ("\n\n"). When the quote as written is not found exactly, it is tried again with its
 * whitespace written the way Glossa writes it, and the better anchor wins. */
export function placeImported(
  text: string,
  item: Pick<ImportedAnnotation, "quote" | "position">,
  budget: PlacementBudget,
): Anchor {
  const squashed = squashQuote(item.quote);
  const tries =
    sameQuote(squashed, item.quote) || !squashed.exact ? [item.quote] : [item.quote, squashed];
  let best: Anchor | null = null;
  for (const quote of tries) {
    const verbatim = text.includes(quote.exact);
    if (!verbatim && budget.left <= 0) continue;
    if (!verbatim) budget.left -= text.length;
    // A position from the file is only a first guess (another tool counts in its own text).
    const found = anchor(text, { quote, position: item.position });
    if (
      !best ||
      rank(found) > rank(best) ||
      (rank(found) === rank(best) && found.score > best.score)
    )
      best = found;
    if (found.state === "exact" && found.score >= 0.99) break;
  }
  return best ?? { state: "orphaned", score: 0, start: null, end: null };
}

function squashQuote(quote: Quote): Quote {
  const squash = (value: string) =>
    value.replace(/\s+/g, (run) => (run.includes("\n") ? "\n\n" : " "));
  return {
    exact: squash(quote.exact).trim(),
    prefix: squash(quote.prefix).trimStart(),
    suffix: squash(quote.suffix).trimEnd(),
  };
}

function sameQuote(a: Quote, b: Quote): boolean {
  return a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix;
}

function rank(found: Anchor): number {
  return found.state === "orphaned" ? 0 : found.state === "fuzzy" ? 1 : 2;
}
