import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";

import { parseCommentBody } from "@/lib/server/editor/comment-body";
import { COMMENT_LIMITS } from "@/lib/shared/editor/extensions";

import { commentFromImport, htmlToTiptap, textToTiptap } from "./html-to-tiptap";

// Every document made here must pass the server's own validator, which is what the importer
// feeds it to; and Glossa's own comment HTML must read back to the same comment.

type Json = Record<string, unknown>;
const t = (text: string, ...marks: Json[]): Json =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };
const p = (...content: Json[]): Json =>
  content.length ? { type: "paragraph", content } : { type: "paragraph" };
const li = (...content: Json[]): Json => ({ type: "listItem", content });
const ul = (...items: Json[]): Json => ({ type: "bulletList", content: items });
const ol = (attrs: Json, ...items: Json[]): Json => ({
  type: "orderedList",
  attrs,
  content: items,
});
const quote = (...content: Json[]): Json => ({ type: "blockquote", content });
const code = (text: string, language: string | null = null): Json => ({
  type: "codeBlock",
  attrs: { language },
  ...(text ? { content: [t(text)] } : {}),
});
const doc = (...content: Json[]): Json => ({ type: "doc", content });
const br = (...marks: Json[]): Json =>
  marks.length ? { type: "hardBreak", marks } : { type: "hardBreak" };
const link = (href: string): Json => ({ type: "link", attrs: { href } });
const B = { type: "bold" };
const I = { type: "italic" };
const S = { type: "strike" };
const C = { type: "code" };

/** The comment as the server stores it, or the server's refusal as a thrown error. */
const accept = (json: JSONContent) => parseCommentBody(json);

/** All text nodes' text, in order. */
function texts(node: JSONContent): string {
  if (node.type === "text") return node.text ?? "";
  return (node.content ?? []).map(texts).join(node.type === "doc" ? "\n" : "");
}
function depthOf(node: JSONContent): number {
  return 1 + Math.max(0, ...(node.content ?? []).map(depthOf));
}

describe("htmlToTiptap", () => {
  it("turns foreign HTML into a comment the server accepts", () => {
    const html = `
      <h2>Title &amp; more</h2>
      <p>Some <b>bold</b>, <em>italic</em>, <del>gone</del>, <code>x &lt; y</code> and
         <a href="https://example.com/a?b=1&amp;c=2">a link</a>, <a href="javascript:alert(1)">bad</a>,
         <a href="/relative">relative</a>, <span data-type="mention" data-id="cm0abcdef123"
         class="mention">@Ann Lee</span>, <img src="x.png" alt="a picture"> &quot;quoted&quot; &#39;s&nbsp;x</p>
      <script>alert("no")</script><style>p { color: red }</style><iframe src="https://x">inside</iframe>
      <ul><li>one</li><li><p>two</p><ol start="3" type="a"><li>three</li></ol></li></ul>
      <blockquote><blockquote><p>nested</p></blockquote>after</blockquote>
      <pre><code class="language-js">let a = 1;
  return a &lt; 2;</code></pre>
      <table><tr><td>cell</td><td>cell 2</td></tr></table>
      loose text<br>after a break`;
    const json = htmlToTiptap(html);
    const body = accept(json);
    expect(body.mentions).toEqual([]);
    expect(body.html).not.toMatch(/script|alert|iframe|inside|color|javascript|relative"/);
    expect(body.html).toContain("<p><strong>Title &amp; more</strong></p>");
    expect(body.html).toContain(
      'Some <strong>bold</strong>, <em>italic</em>, <s>gone</s>, <code>x &lt; y</code> and <a target="_blank" ' +
        'rel="noopener noreferrer nofollow ugc" href="https://example.com/a?b=1&amp;c=2">a link</a>, bad, ' +
        "relative, @Ann Lee, a picture &quot;quoted&quot; 's\u00a0x</p>",
    );
    expect(body.html).toContain(
      '<ul><li><p>one</p></li><li><p>two</p><ol start="3" type="a"><li><p>three</p></li></ol></li></ul>',
    );
    expect(body.html).toContain(
      "<blockquote><blockquote><p>nested</p></blockquote><p>after</p></blockquote>",
    );
    expect(body.html).toContain(
      '<pre><code class="language-js">let a = 1;\n  return a &lt; 2;</code></pre>',
    );
    expect(body.html).toContain("<p>cell</p><p>cell 2</p><p>loose text<br>after a break</p>");
  });

  it("collapses the source's formatting whitespace like a browser", () => {
    const json = htmlToTiptap(
      "<div>\n  <p>\n    Hello\n    <b> world </b>\n  </p>\n  <p>\tend\t</p>\n</div>",
    );
    // The formatting's newline before " world " gives way to the space typed there.
    expect(json).toEqual(doc(p(t("Hello"), t(" world ", B)), p(t("end"))));
    expect(htmlToTiptap("<p>a\n<br>\n b</p>")).toEqual(doc(p(t("a"), br(), t("b"))));
  });

  it("keeps list items starting with a paragraph and quotes holding blocks", () => {
    const json = htmlToTiptap(
      "<ul><li><ul><li>inner</li></ul></li>text<ol><li>x</li></ol></ul><blockquote> </blockquote><ol>text</ol>",
    );
    const x = { type: "orderedList", content: [li(p(t("x")))] };
    // What sits between items belongs to the item before it, or starts one.
    expect(json).toEqual(
      doc(ul(li(p(), ul(li(p(t("inner")))), p(t("text")), x)), {
        type: "orderedList",
        content: [li(p(t("text")))],
      }),
    );
    accept(json);
  });

  it("gives code blocks their language and exact text", () => {
    expect(htmlToTiptap('<pre class="lang-py">\nif x:\n\tpass<br>done</pre>')).toEqual(
      doc({ type: "codeBlock", attrs: { language: "py" }, content: [t("if x:\n\tpass\ndone")] }),
    );
    expect(htmlToTiptap('<pre><code class="language-<evil>">x</code></pre>')).toEqual(
      doc({ type: "codeBlock", content: [t("x")] }),
    );
  });

  it("flattens nesting deeper than the comment limits", () => {
    for (const [open, close] of [
      ["<blockquote>", "</blockquote>"],
      ["<ul><li>", "</li></ul>"],
      ["<ol><li>x", "</li></ol>"],
      ["<blockquote><ul><li>", "</li></ul></blockquote>"],
    ]) {
      const json = htmlToTiptap(`${open!.repeat(40)}deep${close!.repeat(40)}`);
      expect(depthOf(json) - 1).toBeLessThanOrEqual(COMMENT_LIMITS.maxDepth);
      expect(accept(json).text).toMatch(/deep$/);
    }
  });

  it("reads pathologically deep HTML as text, without overflowing the stack", () => {
    // As deep as 100,000 characters of HTML (the longest comment imported) can nest.
    const json = htmlToTiptap(`${"<span><b>".repeat(10_000)}deep${"</b></span>".repeat(10_000)}`);
    expect(accept(json).text).toBe("deep");
    expect(accept(htmlToTiptap("<div>".repeat(20_000) + "x")).text).toBe("x");
    expect(accept(htmlToTiptap("<blockquote>".repeat(8_000) + "x")).text).toBe("x");
  });

  it("cuts what passes the limits instead of failing", () => {
    const long = accept(htmlToTiptap(`<p>${"word ".repeat(10_000)}</p>`));
    expect(long.text.length).toBeLessThanOrEqual(COMMENT_LIMITS.maxChars);
    expect(long.text.endsWith("…")).toBe(true);
    const many = accept(htmlToTiptap("<p>a</p>".repeat(15_000)));
    expect(many.text.split("\n").length).toBeLessThan(COMMENT_LIMITS.maxNodes / 2);
    const href = `https://example.com/${"x".repeat(2_000)}`;
    const links = htmlToTiptap(`<p>${`<a href="${href}">l</a> `.repeat(3_000)}</p>`);
    expect(JSON.stringify(links).length).toBeLessThanOrEqual(COMMENT_LIMITS.maxJsonBytes);
    accept(links);
  });

  it("never emits what the server refuses (random tag soup)", () => {
    const tags = [
      "p",
      "b",
      "i",
      "s",
      "code",
      "a",
      "ul",
      "ol",
      "li",
      "blockquote",
      "pre",
      "br",
      "h3",
      "div",
      "span",
      "img",
      "script",
      "table",
      "td",
    ];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 300; round++) {
      let html = "";
      for (let i = 0; i < 40; i++) {
        const tag = tags[rand(tags.length)]!;
        const r = rand(6);
        if (r === 0) html += `</${tag}>`;
        else if (r === 1)
          html += [" ", "\n", "&nbsp;", "&amp;", "\u0000", "\ud800", "x\ty"][rand(7)];
        else if (tag === "a")
          html += `<a href="${rand(2) ? "https://ok.example/" : "javascript:x"}">`;
        else if (tag === "ol") html += `<ol start="${rand(5) - 1}" type="${"1aAiIx"[rand(6)]}">`;
        else html += `<${tag}>${rand(2) ? "word" : ""}`;
      }
      const json = commentFromImport({ html, text: null });
      if (json) expect(() => accept(json), html).not.toThrow();
    }
  });
});

describe("our own comment HTML reads back unchanged", () => {
  const cases: Record<string, Json> = {
    "every mark and block": doc(
      p(
        t("Plain, "),
        t("bold", B),
        t(", "),
        t("italic", I),
        t(", "),
        t("struck", S),
        t(", "),
        t("x < y", C),
        t(" "),
        t("link", link("http://example.com/a?b=1&c=2")),
        t(" "),
        t("bold link", link("https://example.com/"), B, I),
        t(" and "),
        t("mail", link("mailto:ann@example.com")),
        br(),
        t("after"),
      ),
      ul(li(p(t("one"))), li(p(t("two")))),
      ol({ start: 3 }, li(p(t("three")))),
      quote(p(t("quoted"))),
      code("const a = 1 < 2;\nreturn a;", "ts"),
    ),
    "spaces as typed, empty lines and breaks": doc(
      p(t("  two  spaces  and a\u00a0no-break, \"quotes\" & 'apostrophes' <tags> ")),
      p(),
      p(br()),
      p(t("bold break", B), br(B), t("still bold", B), br(), br()),
      p(t(" ")),
      p(t("emoji 😀 and ünïcödé")),
    ),
    "lists in every form": doc(
      ol(
        { start: 0, type: "A" },
        li(p(t("a")), ul(li(p(t("nested")), ol({ type: "i" }, li(p(t("deeper"))))))),
      ),
      ol({ start: 1, type: "a" }, li(p(), p(t("second paragraph")))),
      ul(li(p(t("item")), quote(p(t("quote in item"))), code("code in item"))),
    ),
    "marks crossing and neighbouring": doc(
      p(
        t("a", link("https://a.example/")),
        t("b", link("https://b.example/")),
        t("c", B, I, S),
        t("d", I, S),
        br(),
        t(" e"),
        t("f", C),
      ),
      p(br(), t("starts with a break\u2028and a line separator")),
    ),
    "code blocks": doc(
      code("\nstarts with a newline\n\n  and blank lines\t"),
      code(""),
      code("<b>&amp;</b>", "c++"),
    ),
    "deepest nesting allowed": doc(
      quote(quote(quote(quote(quote(quote(quote(quote(quote(quote(p(t("ten quotes deep")))))))))))),
      ul(li(p(t("1")), ul(li(p(t("2")), ul(li(p(t("3")), quote(p(t("4"))))))))),
    ),
  };

  for (const [name, json] of Object.entries(cases)) {
    it(name, () => {
      const first = parseCommentBody(json);
      const again = parseCommentBody(htmlToTiptap(first.html));
      expect(again.html).toBe(first.html);
      expect(again.json).toEqual(first.json);
    });
  }

  it("mentions come back as plain text", () => {
    const mention = { type: "mention", attrs: { id: "cm0abcdef123", label: "Ann Lee" } };
    const first = parseCommentBody(doc(p(t("Hi "), mention, t(", see this"))));
    expect(first.html).toContain('data-type="mention"');
    const again = parseCommentBody(htmlToTiptap(first.html));
    expect(again.html).toBe("<p>Hi @Ann Lee, see this</p>");
    expect(again.mentions).toEqual([]);
  });
});

describe("textToTiptap", () => {
  it("makes paragraphs of blank-line separated parts and breaks of single newlines", () => {
    const json = textToTiptap("\n\nFirst line\r\nsecond line  \n\n \n\nSecond  paragraph\n\n\n");
    expect(json).toEqual(
      doc(p(t("First line"), br(), t("second line")), p(t("Second  paragraph"))),
    );
    expect(accept(json).text).toBe("First line\nsecond line\nSecond  paragraph");
  });

  it("cleans what the server refuses and cuts what is too long", () => {
    accept(textToTiptap("nul \u0000 lone \ud800 bell \u0007 end"));
    const long = accept(textToTiptap("x".repeat(50_000)));
    expect(long.text.length).toBe(COMMENT_LIMITS.maxChars);
    const lines = accept(textToTiptap("a\n".repeat(20_000)));
    expect(lines.text.length).toBeGreaterThan(1000);
  });
});

describe("commentFromImport", () => {
  it("prefers HTML, falls back to text, and gives null when nothing would show", () => {
    expect(commentFromImport({ html: "<p>html</p>", text: "text" })).toEqual(doc(p(t("html"))));
    expect(
      commentFromImport({ html: '<p> </p><script>x</script><img src="a">', text: "text" }),
    ).toEqual(doc(p(t("text"))));
    expect(commentFromImport({ html: null, text: "  \n " })).toBeNull();
    expect(commentFromImport({ html: "<p>&nbsp;</p>", text: null })).toBeNull();
    expect(commentFromImport({ html: null, text: null })).toBeNull();
  });

  it("gives documents the server accepts", () => {
    for (const body of [
      { html: "plain text with <b>markup</b>", text: null },
      { html: null, text: "**Markdown** stays as typed\n\n- a\n- b" },
    ]) {
      expect(texts(accept(commentFromImport(body)!).json)).toMatch(/markup|Markdown/);
    }
  });
});
