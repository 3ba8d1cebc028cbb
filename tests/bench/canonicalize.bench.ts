import { canonicalize } from "@/lib/shared/documents/ingest";

import { timeIt, type Benchmark } from "./harness";

// Ingesting a long article: the canonical-text pipeline against the floor of doing anything at
// all with the same input (one regex pass that strips tags), measured in the same run.

function longArticle(kilobytes: number): { html: string; markdown: string; text: string } {
  const paragraph =
    "Russian President Vladimir Putin convened an informal summit of his allies in the Collective Security Treaty Organization last week, as Moscow faced continued isolation.";
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < kilobytes * 1024; i += 1) {
    const p = `${paragraph} (${i})`;
    paragraphs.push(p);
    size += p.length + 9;
  }
  return {
    html: `<html><head><title>Long</title></head><body><article>${paragraphs.map((p, i) => (i % 12 === 0 ? `<h2>Part ${i}</h2>` : `<p>${p}</p>`)).join("\n")}</article></body></html>`,
    markdown: paragraphs.map((p, i) => (i % 12 === 0 ? `## Part ${i}` : p)).join("\n\n"),
    text: paragraphs.join("\n"),
  };
}

export const canonicalizeBenchmark: Benchmark = {
  name: "ingest 100 KB",
  async run() {
    const input = longArticle(100);
    const naive = await timeIt(() => input.html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "));
    const figures = [];
    for (const format of ["text", "markdown", "html"] as const) {
      const sample = await timeIt(() => canonicalize(format, input[format]));
      figures.push({
        name: `canonicalize ${format} (median)`,
        value: sample.median,
        unit: "ms",
        baseline: naive.median,
        baselineName: "regex tag strip",
        lowerIsBetter: true,
        budget: { max: 250 },
      });
    }
    return figures;
  },
};
