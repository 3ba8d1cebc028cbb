import { readFileSync } from "node:fs";

import {
  anchor,
  describeRange,
  MAX_ERRORS,
  reanchorAll,
  search,
  type Anchor,
  type Target,
} from "@/lib/shared/anchoring";

import { timeIt, type Benchmark, type Figure } from "./harness";

// Re-anchoring 2,000 annotations on a ~100 KB article after an edit (a paragraph inserted near
// the top, a sentence deleted in the middle, typos fixed here and there), against the naive way
// measured in the same run: indexOf of each quote, else an approximate search of the whole text,
// with no position, context or old text to go on. Besides time, both are checked for putting
// the annotations the edit did not touch back where they were: the naive way takes the first
// occurrence of a repeated phrase.

/** Deterministic, so every run times the same work (mulberry32). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedParagraphs(): string[] {
  const path = new URL("../../prisma/seed/csto-summit.txt", import.meta.url);
  return readFileSync(path, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * The seed article repeated with each copy's words varied (about one in twelve swapped for
 * another word of the article, numbers changed), so that most quotes are unique but common
 * phrases repeat, as in a real long text.
 */
function buildArticle(kilobytes: number, random: () => number): string {
  const paragraphs = seedParagraphs();
  const vocabulary = [...new Set(paragraphs.join(" ").match(/[A-Za-z]{4,}/g) ?? [])];
  const out: string[] = [];
  let size = 0;
  for (let copy = 0; size < kilobytes * 1024; copy += 1) {
    for (const paragraph of paragraphs) {
      const varied = paragraph
        .replace(/\d+/g, (digits) => String(Number(digits) + copy))
        .replace(/[A-Za-z]{4,}/g, (word) =>
          random() < 1 / 12 ? vocabulary[Math.floor(random() * vocabulary.length)]! : word,
        );
      out.push(varied);
      size += varied.length + 2;
    }
  }
  return out.join("\n\n");
}

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    out = out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.remove);
  }
  return out;
}

/** Where an annotation the edits did not touch should be now, or null if an edit touched it. */
function expectedStart(edits: Edit[], start: number, end: number): number | null {
  let shift = 0;
  for (const edit of edits) {
    const editEnd = edit.at + edit.remove;
    if (editEnd <= start) shift += edit.insert.length - edit.remove;
    else if (edit.at < end) return null;
  }
  return start + shift;
}

interface Scenario {
  before: string;
  after: string;
  targets: Target[];
  expected: Array<number | null>;
}

function buildScenario(): Scenario {
  const random = prng(20140508);
  const base = buildArticle(100, random);

  // Typos in the stored revision that the edit fixes: two inner letters of a long word swapped.
  const typos: Edit[] = [];
  const words = [...base.matchAll(/[a-z]{7,}/g)];
  for (let i = 1; i <= 6; i += 1) {
    const word = words[Math.floor((words.length * i) / 7)]!;
    const at = word.index + 2;
    typos.push({ at, remove: 2, insert: base.slice(at, at + 2) });
  }
  let before = base;
  for (const typo of typos) {
    before = before.slice(0, typo.at) + typo.insert[1] + typo.insert[0] + before.slice(typo.at + 2);
  }

  const secondParagraph = before.indexOf("\n\n") + 2;
  const middle = before.indexOf(". ", before.length / 2) + 2;
  const sentenceEnd = before.indexOf(". ", middle) + 2;
  const edits: Edit[] = [
    {
      at: secondParagraph,
      remove: 0,
      insert:
        "Editor's note: this article has been updated to reflect the Kremlin's account of the meeting, published after the summit.\n\n",
    },
    { at: middle, remove: sentenceEnd - middle, insert: "" },
    ...typos,
  ];
  const after = applyEdits(before, edits);

  const targets: Target[] = [];
  const expected: Array<number | null> = [];
  for (let i = 0; i < 2000; i += 1) {
    const length = 10 + Math.floor(random() * 191);
    const start = Math.floor(random() * (before.length - length));
    targets.push(describeRange(before, start, start + length));
    expected.push(expectedStart(edits, start, start + length));
  }
  return { before, after, targets, expected };
}

/** The baseline: first verbatim occurrence, else the closest approximate match anywhere. */
function naiveReanchor(text: string, targets: Target[]): Anchor[] {
  return targets.map(({ quote }) => {
    const at = text.indexOf(quote.exact);
    if (at >= 0) return { state: "exact", score: 1, start: at, end: at + quote.exact.length };
    const maxErrors = Math.min(MAX_ERRORS, Math.floor(quote.exact.length / 4));
    const matches = search(text, quote.exact, maxErrors);
    if (!matches.length) return { state: "orphaned", score: 0, start: null, end: null };
    const best = matches.reduce((a, b) => (b.errors < a.errors ? b : a));
    const score = 1 - best.errors / quote.exact.length;
    return { state: "fuzzy", score, start: best.start, end: best.end };
  });
}

function placedAsExpected(scenario: Scenario, anchors: Anchor[]): number {
  return scenario.expected.filter((start, i) => start !== null && anchors[i]!.start === start)
    .length;
}

export const reanchorBenchmark: Benchmark = {
  name: "reanchor 2,000 annotations on 100 KB",
  async run() {
    const scenario = buildScenario();
    const { before, after, targets } = scenario;

    const naive = await timeIt(() => naiveReanchor(after, targets), { iterations: 5, warmup: 1 });
    const withOld = await timeIt(() => reanchorAll(after, targets, before));
    const withoutOld = await timeIt(() => reanchorAll(after, targets));
    const single = await timeIt(() => targets.map((target) => anchor(after, target)), {
      iterations: 5,
      warmup: 1,
    });

    const anchors = reanchorAll(after, targets, before);
    const naiveAnchors = naiveReanchor(after, targets);
    const untouched = scenario.expected.filter((start) => start !== null).length;
    const count = (state: Anchor["state"]): Figure => ({
      name: `${state} (of ${targets.length}, ${(after.length / 1024).toFixed(0)} KB)`,
      value: anchors.filter((a) => a.state === state).length,
      unit: "annotations",
    });
    const time = (name: string, value: number): Figure => ({
      name,
      value,
      unit: "ms",
      baseline: naive.median,
      baselineName: "indexOf, else search",
      lowerIsBetter: true,
      budget: { max: 500 },
    });

    return [
      time("reanchorAll with old text (median)", withOld.median),
      time("reanchorAll without old text (median)", withoutOld.median),
      // Not budgeted: what reanchorAll saves over calling anchor() for each annotation.
      { name: "anchor() one by one (median)", value: single.median, unit: "ms" },
      count("exact"),
      count("fuzzy"),
      count("orphaned"),
      {
        name: `untouched annotations back in place (of ${untouched})`,
        value: placedAsExpected(scenario, anchors),
        unit: "annotations",
        baseline: placedAsExpected(scenario, naiveAnchors),
        baselineName: "indexOf, else search",
        lowerIsBetter: false,
      },
    ];
  },
};
