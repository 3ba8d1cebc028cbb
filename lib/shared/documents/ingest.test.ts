import { describe, expect, it } from "vitest";

import {
  blockOffsets,
  blockSchema,
  canonicalize,
  fromHtml,
  fromMarkdown,
  fromPlainText,
  splitBlocks,
  type CanonicalText,
} from "./ingest";

const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Every output must satisfy the canonical-text promise; returns it for further checks. */
function canonical(result: CanonicalText): CanonicalText {
  const { text, blocks } = result;
  const parts = splitBlocks(text);
  expect(parts.length).toBe(blocks.length);
  if (text !== "") expect(parts).toEqual(text.split("\n\n"));
  expect(text).toBe(text.normalize("NFC"));
  expect(text).not.toMatch(CONTROL);
  expect(text).not.toContain("\r");
  expect(text).not.toContain("\uFEFF");
  for (const [i, part] of parts.entries()) {
    const block = blocks[i]!;
    expect(part).not.toBe("");
    expect(part).not.toContain("\n\n");
    expect(part).toBe(part.trim());
    expect(blockSchema.parse(block)).toEqual(block);
    expect(block.level !== undefined).toBe(block.type === "heading");
    if (block.type !== "code") {
      expect(part).not.toMatch(/\s\s|[\n\t]/);
    }
  }
  if (result.title !== null) {
    expect(result.title).toBe(result.title.trim());
    expect(result.title).not.toBe("");
  }
  return result;
}

const text = (input: string) => canonical(fromPlainText(input));
const md = (input: string) => canonical(fromMarkdown(input));
const html = (input: string) => canonical(fromHtml(input));
const types = (r: CanonicalText) => r.blocks.map((b) => b.type);

describe("splitBlocks and blockOffsets", () => {
  it("split the text into its blocks, with offsets into the text", () => {
    const t = "One.\n\nTwo words.\n\nx";
    expect(splitBlocks(t)).toEqual(["One.", "Two words.", "x"]);
    const offsets = blockOffsets(t);
    expect(offsets).toEqual([
      { start: 0, end: 4 },
      { start: 6, end: 16 },
      { start: 18, end: 19 },
    ]);
    for (const [i, { start, end }] of offsets.entries()) {
      expect(t.slice(start, end)).toBe(splitBlocks(t)[i]);
    }
  });

  it("treat an empty text as no blocks", () => {
    expect(splitBlocks("")).toEqual([]);
    expect(blockOffsets("")).toEqual([]);
  });

  it("count UTF-16 code units, like annotation offsets", () => {
    expect(blockOffsets("a😀\n\nb")).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 6 },
    ]);
  });
});

describe("fromPlainText", () => {
  it("makes each line a paragraph when there are no blank lines (the seed article)", () => {
    const r = text("First paragraph here.\nSecond one, longer.\nThird.\n");
    expect(r.text).toBe("First paragraph here.\n\nSecond one, longer.\n\nThird.");
    expect(r.blocks).toEqual([{ type: "paragraph" }, { type: "paragraph" }, { type: "paragraph" }]);
    expect(r.title).toBeNull();
  });

  it("gives eleven paragraphs for eleven lines, even with edge blank lines", () => {
    const lines = Array.from({ length: 11 }, (_, i) => `Line ${i + 1} of the article.`);
    expect(text(lines.join("\n")).blocks).toHaveLength(11);
    expect(text(`\n\n${lines.join("\n")}\n\n\n`).text).toBe(lines.join("\n\n"));
  });

  it("joins hard-wrapped lines when blank lines separate paragraphs", () => {
    const r = text(
      "This is a hard\nwrapped paragraph.\n\n  \nSecond   paragraph\n\twrapped too.\n",
    );
    expect(r.text).toBe("This is a hard wrapped paragraph.\n\nSecond paragraph wrapped too.");
  });

  it("normalizes CRLF, CR, BOM, tabs, control characters and NFC", () => {
    expect(text("\uFEFFa\r\nb\rc").text).toBe("a\n\nb\n\nc");
    expect(text("one\r\n\r\ntwo\r\nlines").text).toBe("one\n\ntwo lines");
    expect(text("tab\there\u0000\u0007 bell\u009F").text).toBe("tab here bell");
    const decomposed = "Cafe\u0301 cre\u0300me";
    expect(text(decomposed).text).toBe("Café crème");
    expect(text("e\u0000\u0301").text).toBe("é");
  });

  it("repairs lone surrogates, which cannot be stored as UTF-8", () => {
    expect(text("a\uD800b \uDC00").text).toBe("a\uFFFDb \uFFFD");
    expect(text("ok 😀").text).toBe("ok 😀");
  });

  it("returns no blocks for whitespace-only input", () => {
    expect(text(" \n\t\n\u00A0")).toEqual({ text: "", blocks: [], title: null });
    expect(text("")).toEqual({ text: "", blocks: [], title: null });
  });
});

describe("fromMarkdown", () => {
  it("reads headings with levels and takes the first level-1 heading as title", () => {
    const r = md("Intro line\n\n## Part *one*\n\n# The Title\n\nBody.\n\n# Another\n");
    expect(r.text).toBe("Intro line\n\nPart one\n\nThe Title\n\nBody.\n\nAnother");
    expect(r.blocks).toEqual([
      { type: "paragraph" },
      { type: "heading", level: 2 },
      { type: "heading", level: 1 },
      { type: "paragraph" },
      { type: "heading", level: 1 },
    ]);
    expect(r.title).toBe("The Title");
    expect(md("Setext\n======\n\ntext").title).toBe("Setext");
    expect(md("## Only h2").title).toBeNull();
  });

  it("strips inline formatting, keeps link text and drops images", () => {
    const r = md(
      'Some **bold**, _em_, `code()` and a [link](https://example.com "t").  \n' +
        "Hard break; <https://auto.example> ![alt text](x.png) and <kbd>Ctrl</kbd>.",
    );
    expect(r.text).toBe(
      "Some bold, em, code() and a link. Hard break; https://auto.example and Ctrl.",
    );
  });

  it("flattens lists, one list-item per item, without markers", () => {
    const r = md("- one\n- two\n  - nested *a*\n  - nested b\n- three\n\n1. first\n2. second\n");
    expect(r.text).toBe("one\n\ntwo\n\nnested a\n\nnested b\n\nthree\n\nfirst\n\nsecond");
    expect(new Set(types(r))).toEqual(new Set(["list-item"]));
  });

  it("joins the paragraphs of a loose list item", () => {
    const r = md("- para one\n\n  para two\n\n- next\n");
    expect(r.text).toBe("para one para two\n\nnext");
    expect(types(r)).toEqual(["list-item", "list-item"]);
  });

  it("makes blockquote paragraphs quotes", () => {
    const r = md("> Quoted\n> text.\n>\n> Second quoted.\n\nAfter.");
    expect(r.text).toBe("Quoted text.\n\nSecond quoted.\n\nAfter.");
    expect(types(r)).toEqual(["quote", "quote", "paragraph"]);
  });

  it("keeps code lines, drops blank lines inside code", () => {
    const r = md(
      "Text\n\n```js\nfunction f() {\n\n\n\treturn 1;   \n}\n```\n\n    indented\n      more\n",
    );
    expect(splitBlocks(r.text)).toEqual([
      "Text",
      "function f() {\n\treturn 1;\n}",
      "indented\n  more",
    ]);
    expect(types(r)).toEqual(["paragraph", "code", "code"]);
  });

  it("drops thematic breaks, definitions and scripts in raw HTML", () => {
    const r = md(
      "Para\n\n---\n\n[ref]: https://x.example\n\n<script>alert('x')</script>\n\n" +
        '<div onclick="evil()">Kept <b>text</b></div>\n\n<!-- secret -->\n',
    );
    expect(r.text).toBe("Para\n\nKept text");
    expect(r.text).not.toMatch(/alert|onclick|evil|secret|</);
  });

  it("splits a pipe table into one paragraph per row", () => {
    const r = md("| Name | **Age** |\n|:-----|----:|\n| Ann | 30 |\n| Bob \\| Jr | |\n");
    expect(r.text).toBe("Name | Age\n\nAnn | 30\n\nBob | Jr");
  });

  it("caps containers stacked on one line, which micromark parses in quadratic time", () => {
    const started = Date.now();
    const r = md("- ".repeat(5000) + "deep\n\n" + "> ".repeat(5000) + "quote");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.text).toBe("deep\n\nquote");
    expect(types(r)).toEqual(["list-item", "quote"]);
  });

  it("ignores YAML front matter and handles CRLF", () => {
    const r = md("---\r\ntitle: x\r\ntags: [a]\r\n---\r\n# Real\r\n\r\nBody\r\n");
    expect(r.text).toBe("Real\n\nBody");
    expect(r.title).toBe("Real");
  });
});

describe("fromHtml", () => {
  it("reduces a page to text blocks with no markup, scripts or attributes", () => {
    const r = html(`<!doctype html>
      <html><head><title>The &amp; Title</title><style>p { color: red }</style>
      <script>var secret = "s1";</script></head>
      <body onload="evil()">
        <p class="lead" onclick="alert('xss')">Hello <b>bold</b> <a href="javascript:bad()">link</a>.</p>
        <!-- a comment with words -->
        <iframe src="https://evil.example">iframe text</iframe>
        <noscript>noscript text</noscript><template><p>template text</p></template>
        <svg><text>svg text</text></svg><object>object text</object>
        <form><label>Email</label><input value="in"><button>Subscribe</button></form>
        <p>Caf&eacute; &lt;tag&gt; &quot;q&quot; &#x1F600; &nbsp;x</p>
        <script type="module">import "x"; document.write("s2")</script>
      </body></html>`);
    expect(r.text).toBe('Hello bold link.\n\nCafé <tag> "q" 😀 x');
    expect(r.title).toBe("The & Title");
    expect(r.text).not.toMatch(
      /secret|s1|s2|evil|xss|alert|javascript|comment|iframe|noscript|template|svg|object|Email|Subscribe|color/,
    );
  });

  it("makes headings, quotes, list items and code blocks, with nesting", () => {
    const r = html(`<body>
      <h2>Sub <em>title</em></h2>
      <div><div>Nested <span>inline</span><p>inner para</p>tail text</div></div>
      <blockquote><p>Quoted one</p><p>Quoted two</p>bare quote</blockquote>
      <ul><li>Item one<ul><li>Nested item</li></ul></li><li><p>Item two</p></li></ul>
      <pre><code>line 1
  line 2

line 3</code></pre>
      <p>a<br>b<br/>c</p>
      <dl><dt>Term</dt><dd>Definition</dd></dl>
      <h7>not a heading</h7>
    </body>`);
    expect(splitBlocks(r.text)).toEqual([
      "Sub title",
      "Nested inline",
      "inner para",
      "tail text",
      "Quoted one",
      "Quoted two",
      "bare quote",
      "Item one",
      "Nested item",
      "Item two",
      "line 1\n  line 2\nline 3",
      "a b c",
      "Term",
      "Definition",
      "not a heading",
    ]);
    expect(r.blocks.slice(0, 11)).toEqual([
      { type: "heading", level: 2 },
      ...Array(3).fill({ type: "paragraph" }),
      ...Array(3).fill({ type: "quote" }),
      ...Array(3).fill({ type: "list-item" }),
      { type: "code" },
    ]);
  });

  it("dedents pre blocks and keeps br as a newline inside them", () => {
    const r = html("<pre>\n    if (x) {\n      y();\n    }\n</pre><pre>a<br>b</pre>");
    expect(splitBlocks(r.text)).toEqual(["if (x) {\n  y();\n}", "a\nb"]);
    expect(types(r)).toEqual(["code", "code"]);
  });

  it("prefers the article over the page around it", () => {
    const r = html(`<html><head><title>Site | Story</title></head><body>
      <header>Site name</header><nav><a>Home</a><a>About</a></nav>
      <main><article><h1>Story</h1><p>The story text, long enough to win.</p>
        <aside>Pull quote</aside></article>
        <aside><article><p>Related</p></article></aside></main>
      <footer>Copyright</footer></body></html>`);
    expect(r.text).toBe("Story\n\nThe story text, long enough to win.\n\nPull quote");
    expect(r.title).toBe("Site | Story");
  });

  it("falls back to main, then body", () => {
    expect(html("<body><p>Out</p><main><p>In</p></main></body>").text).toBe("In");
    expect(html("<body><nav>Menu</nav><p>Only</p></body>").text).toBe("Only");
    expect(html("<main>  </main><p>Body text</p>").text).toBe("Body text");
  });

  it("keeps text when a form wraps the whole page rather than return nothing", () => {
    const r = html("<body><form><p>Article in a form</p><input value='x'></form></body>");
    expect(r.text).toBe("Article in a form");
  });

  it("takes the first h1 as title when there is no <title>", () => {
    const r = html("<p>Lead</p><h1>Main <i>Heading</i></h1><h1>Second</h1>");
    expect(r.title).toBe("Main Heading");
    expect(html("<svg><title>icon</title></svg><p>x</p>").title).toBeNull();
    expect(html("<p>no title</p>").title).toBeNull();
  });

  it("reads table rows as lines with cells joined by pipes", () => {
    const r = html(`<table><caption>Scores</caption>
      <thead><tr><th>Name</th><th>Score</th></tr></thead>
      <tbody><tr><td>Ann</td><td><b>3</b></td></tr><tr><td></td><td></td></tr></tbody></table>`);
    expect(r.text).toBe("Scores\n\nName | Score\n\nAnn | 3");
    const layout = html(
      "<table><tr><td><p>First para</p><p>Second</p></td><td>Side</td></tr></table>",
    );
    expect(layout.text).toBe("First para\n\nSecond\n\nSide");
  });

  it("drops hidden elements and handles entities producing controls or decomposed text", () => {
    const r = html("<p hidden>Hidden</p><p>e&#x301; a&#1;b&#13;c</p>");
    expect(r.text).toBe("é ab c");
  });

  it("walks very deep nesting without overflowing the stack", () => {
    expect(html("<div>".repeat(10_000) + "deep" + "<b>".repeat(10_000) + "er").text).toBe("deeper");
    expect(html("<constructor>proto</constructor> <tostring>names</tostring>").text).toBe(
      "proto names",
    );
  });

  it("returns no blocks when nothing readable is left", () => {
    expect(html("<script>x()</script><!-- c -->")).toEqual({ text: "", blocks: [], title: null });
  });
});

describe("canonicalize", () => {
  it("dispatches on the format", () => {
    const input = "# Head\n\n*a*";
    expect(canonicalize("text", input)).toEqual(fromPlainText(input));
    expect(canonicalize("markdown", input)).toEqual(fromMarkdown(input));
    expect(canonicalize("html", "<p>x</p>")).toEqual(fromHtml("<p>x</p>"));
  });

  it("is idempotent on its own output as plain text", () => {
    const once = md("# T\n\nSome *text*.\n\n- item\n\n> quote");
    expect(text(once.text).text).toBe(once.text);
  });

  it("keeps the invariants on awkward inputs", () => {
    const samples = [
      "\n\n\n",
      "a\u2028b\u2029c\u0085d",
      "```\n\n\n```",
      "> \n>\n",
      "<p>\u0000</p>",
      "- \n- ",
      "x\u00A0\u00A0y\u3000z",
      "<pre>\n\n  \n</pre>",
      "\uFEFF\uFEFF",
    ];
    for (const sample of samples) {
      for (const format of ["text", "markdown", "html"] as const) {
        canonical(canonicalize(format, sample));
      }
    }
  });
});

describe("pathological Markdown", () => {
  it("keeps deeply indented lists as list items (indentation is capped, not the text)", () => {
    const depth = 2000;
    const source = Array.from({ length: depth }, (_, i) => `${" ".repeat(i * 2)}- item ${i}`).join(
      "\n",
    );
    const result = fromMarkdown(source);
    expect(result.blocks).toHaveLength(depth);
    expect(result.blocks.every((block) => block.type === "list-item")).toBe(true);
    expect(splitBlocks(result.text).at(-1)).toBe(`item ${depth - 1}`);
  });
});
