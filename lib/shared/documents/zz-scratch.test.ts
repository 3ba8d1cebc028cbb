import { it } from "vitest";
import { fromHtml, fromMarkdown, fromPlainText } from "./ingest";
it("deep", () => {
  for (const d of [1000, 5000, 20000, 100000]) {
    for (const [name, f, s] of [["html", fromHtml, "<b>".repeat(d) + "x"], ["htmldiv", fromHtml, "<div>".repeat(d) + "x"], ["md", fromMarkdown, ">".repeat(d) + " x"], ["mdlist", fromMarkdown, Array.from({length: d}, (_, i) => " ".repeat(i*2) + "- x").join("\n")]] as const) {
      try { const t = Date.now(); (f as any)(s); console.log(name, d, "ok", Date.now() - t); } catch (e) { console.log(name, d, String(e).slice(0, 80)); }
    }
  }
  const big = Array.from({ length: 200000 }, (_, i) => `Paragraph ${i} with some words in it, and more words to make it longer.`).join("\n");
  let t = Date.now(); fromPlainText(big); console.log("text 15MB", big.length, Date.now() - t);
  t = Date.now(); fromMarkdown(big.replace(/\n/g, "\n\n")); console.log("md", Date.now() - t);
  const h = big.split("\n").map((l) => `<p>${l} <b>bold</b></p>`).join("\n");
  t = Date.now(); fromHtml(h); console.log("html", h.length, Date.now() - t);
  t = Date.now(); fromHtml("<pre>" + " ".repeat(1_000_000) + "x</pre>"); console.log("pre spaces", Date.now() - t);
  t = Date.now(); fromMarkdown("a|b\n" + " ".repeat(100_000) + "x|\n"); console.log("table delim", Date.now() - t);
});
