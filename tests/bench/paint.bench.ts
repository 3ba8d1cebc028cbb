import { chromium, type Page } from "@playwright/test";

import { chromiumLaunchOptions } from "../support/chromium";

import type { Benchmark, Figure } from "./harness";
import { startBenchServer } from "./server";

// The seed article with 2,000 annotations in Chromium, served by the production build on a
// fresh embedded database: time from navigation to every highlight painted, and the longest
// main-thread task. Beside it, in the same browser, the same article and ranges highlighted
// the way Hypothesis does it (splitting text nodes and wrapping each piece in an element).

const ANNOTATIONS = 2000;
const RUNS = 3;

function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(
  page: Page,
  url: string,
  ready: string,
): Promise<{ painted: number; longest: number }> {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector(ready, { state: "attached", timeout: 60_000 });
  const result = await page.evaluate(() => {
    const w = window as unknown as { __paintedAt?: number; __longest?: number };
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      painted: w.__paintedAt ?? performance.now(),
      longest: w.__longest ?? 0,
      phases: {
        firstByte: Math.round(nav.responseStart),
        lastByte: Math.round(nav.responseEnd),
        domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
        bytes: nav.encodedBodySize,
      },
    };
  });
  // BENCH_DEBUG=1 shows where the time goes (first and last byte, DOMContentLoaded, size).
  if (process.env.BENCH_DEBUG) console.log(url, Math.round(result.painted), result.phases);
  return result;
}

// Registered before any page script: records long tasks, and the moment the marker appears.
const OBSERVER = `
  window.__longest = 0;
  try { new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: "longtask", buffered: true }); } catch {}
  new MutationObserver(() => {
    if (window.__paintedAt === undefined && document.querySelector("style[data-glossa-highlights='${ANNOTATIONS}'], [data-baseline-done]")) {
      requestAnimationFrame(() => { window.__paintedAt = performance.now(); });
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

function baselineHtml(text: string, ranges: Array<[number, number]>): string {
  const paragraphs = text.split("\n\n");
  let at = 0;
  const blocks = paragraphs.map((p) => {
    const html = `<p data-start="${at}">${p.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`;
    at += p.length + 2;
    return html;
  });
  // Hypothesis's highlighter, in short: for each range, split the text nodes at its ends and
  // wrap every text node inside it in a <hypothesis-highlight> element.
  const script = `
    const ranges = ${JSON.stringify(ranges)};
    const blocks = [...document.querySelectorAll("p[data-start]")];
    function point(offset) {
      let block = blocks[0];
      for (const b of blocks) if (Number(b.dataset.start) <= offset) block = b;
      let remaining = offset - Number(block.dataset.start);
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let node, last;
      while ((node = walker.nextNode())) { if (remaining <= node.length) return [node, remaining]; remaining -= node.length; last = node; }
      return [last, last.length];
    }
    for (const [start, end] of ranges) {
      const [sn, so] = point(start); const [en, eo] = point(end);
      const range = document.createRange(); range.setStart(sn, so); range.setEnd(en, eo);
      const nodes = [];
      const walker = document.createTreeWalker(range.commonAncestorContainer.nodeType === 3 ? range.commonAncestorContainer.parentNode : range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
      let n; while ((n = walker.nextNode())) if (range.intersectsNode(n)) nodes.push(n);
      for (let node of nodes) {
        if (node === range.endContainer && range.endOffset < node.length) node.splitText(range.endOffset);
        if (node === range.startContainer && range.startOffset > 0) node = node.splitText(range.startOffset);
        if (!node.length) continue;
        const mark = document.createElement("hypothesis-highlight");
        mark.style.backgroundColor = "rgba(255, 200, 0, 0.3)";
        node.parentNode.replaceChild(mark, node); mark.append(node);
      }
    }
    document.body.dataset.baselineDone = "";
  `;
  return `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body><main style="max-width:44rem;margin:auto;font:18px/1.7 serif">${blocks.join("")}</main><script>${script}</script></body></html>`;
}

export const paintBenchmark: Benchmark = {
  name: "paint 2,000 highlights (Chromium)",
  async run(): Promise<Figure[]> {
    const server = await startBenchServer();
    const browser = await chromium.launch(chromiumLaunchOptions());
    try {
      const base = server.base;
      const { prisma } = await import("@/lib/server/db");
      const { describeRange } = await import("@/lib/shared/anchoring");
      const document = await prisma.document.findFirstOrThrow({
        include: { currentRevision: true },
      });
      const author = await prisma.user.findFirstOrThrow({ where: { email: "amina@example.com" } });
      const text = document.currentRevision!.text;
      const random = rng(42);
      const ranges: Array<[number, number]> = [];
      for (let i = 0; i < ANNOTATIONS; i += 1) {
        const start = Math.floor(random() * (text.length - 60));
        ranges.push([start, start + 5 + Math.floor(random() * 50)]);
      }
      await prisma.annotation.createMany({
        data: ranges.map(([start, end]) => {
          const { quote } = describeRange(text, start, end);
          return {
            documentId: document.id,
            authorId: author.id,
            revisionId: document.currentRevisionId!,
            anchorRevisionId: document.currentRevisionId!,
            quoteExact: quote.exact,
            quotePrefix: quote.prefix,
            quoteSuffix: quote.suffix,
            positionStart: start,
            positionEnd: end,
            anchorStart: start,
            anchorEnd: end,
          };
        }),
      });

      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(OBSERVER);
      const page = await context.newPage();
      const csrf = await (await page.request.get(`${base}/api/auth/csrf`)).json();
      await page.request.post(`${base}/api/auth/callback/credentials`, {
        form: { email: "amina@example.com", password: "glossa-demo", csrfToken: csrf.csrfToken },
        maxRedirects: 0,
      });
      await page.route("http://baseline.test/", (route) =>
        route.fulfill({ contentType: "text/html", body: baselineHtml(text, ranges) }),
      );
      await measure(page, `${base}/documents/${document.id}`, "style[data-glossa-highlights]"); // warm the server
      const ours = [];
      const theirs = [];
      for (let i = 0; i < RUNS; i += 1) {
        ours.push(
          await measure(
            page,
            `${base}/documents/${document.id}`,
            `style[data-glossa-highlights='${ANNOTATIONS}']`,
          ),
        );
        theirs.push(await measure(page, "http://baseline.test/", "[data-baseline-done]"));
      }
      await context.close();
      return [
        {
          name: "navigation to all highlights painted (median)",
          value: median(ours.map((run) => run.painted)),
          unit: "ms",
          baseline: median(theirs.map((run) => run.painted)),
          baselineName: "wrap in elements, static page",
          lowerIsBetter: true,
          budget: { max: 1000, minRatio: 5 },
        },
        {
          name: "longest main-thread task (median)",
          value: median(ours.map((run) => run.longest)),
          unit: "ms",
          baseline: median(theirs.map((run) => run.longest)),
          baselineName: "wrap in elements",
          lowerIsBetter: true,
          budget: { max: 200 },
        },
      ];
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
