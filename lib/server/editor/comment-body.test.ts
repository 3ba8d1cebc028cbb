import { generateHTML } from "@tiptap/html/server";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/server/errors";
import { COMMENT_LIMITS, commentExtensions } from "@/lib/shared/editor/extensions";
import { isSafeHref } from "@/lib/shared/editor/links";
import { HOSTILE_BODIES } from "@/tests/support/hostile-bodies";

import { parseCommentBody } from "./comment-body";

type Json = Record<string, unknown>;
const t = (text: string, ...marks: Json[]): Json =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };
const p = (...content: Json[]): Json => ({ type: "paragraph", content });
const li = (text: string): Json => ({ type: "listItem", content: [p(t(text))] });
const doc = (...content: Json[]): Json => ({ type: "doc", content });
const link = (href: string): Json => ({ type: "link", attrs: { href } });

const EVERYTHING = doc(
  p(
    t("Plain, "),
    t("bold", { type: "bold" }),
    t(", "),
    t("italic", { type: "italic" }),
    t(", "),
    t("struck", { type: "strike" }),
    t(", "),
    t("x < y", { type: "code" }),
    t(", "),
    t("http", link("http://example.com/a?b=1&c=2")),
    t(" "),
    t("https", link("https://example.com/"), { type: "bold" }),
    t(" and "),
    t("mail", link("mailto:ann@example.com")),
    { type: "hardBreak" },
    t("after "),
    { type: "mention", attrs: { id: "cm0abcdef123", label: "Ann Lee" } },
  ),
  { type: "bulletList", content: [li("one"), li("two")] },
  { type: "orderedList", attrs: { start: 3 }, content: [li("three")] },
  { type: "blockquote", content: [p(t("quoted"))] },
  { type: "codeBlock", attrs: { language: "ts" }, content: [t("const a = 1 < 2;\nreturn a;")] },
);

const LINK = 'target="_blank" rel="noopener noreferrer nofollow ugc"';
const EVERYTHING_HTML =
  `<p>Plain, <strong>bold</strong>, <em>italic</em>, <s>struck</s>, <code>x &lt; y</code>, ` +
  `<a ${LINK} href="http://example.com/a?b=1&amp;c=2">http</a> ` +
  `<a ${LINK} href="https://example.com/"><strong>https</strong></a> and ` +
  `<a ${LINK} href="mailto:ann@example.com">mail</a><br>after ` +
  `<span data-type="mention" class="mention" data-id="cm0abcdef123" data-label="Ann Lee" ` +
  `data-mention-suggestion-char="@">@Ann Lee</span></p>` +
  `<ul><li><p>one</p></li><li><p>two</p></li></ul><ol start="3"><li><p>three</p></li></ol>` +
  `<blockquote><p>quoted</p></blockquote>` +
  `<pre><code class="language-ts">const a = 1 &lt; 2;\nreturn a;</code></pre>`;

function refusal(input: unknown): AppError {
  try {
    parseCommentBody(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected parseCommentBody to refuse the body");
}

const ALLOWED_ELEMENTS = new Set("p br strong em s code pre a ul ol li blockquote span".split(" "));

/** Every element and attribute of the HTML, as a browser would parse it. */
function elementsOf(html: string): { name: string; attrs: Record<string, string> }[] {
  const elements: { name: string; attrs: Record<string, string> }[] = [];
  const parser = new Parser(
    { onopentag: (name, attrs) => elements.push({ name, attrs }) },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return elements;
}

function expectHarmless(html: string): void {
  for (const { name, attrs } of elementsOf(html)) {
    expect(ALLOWED_ELEMENTS, `<${name}>`).toContain(name);
    for (const attr of Object.keys(attrs)) {
      expect(attr.startsWith("on"), `${name}[${attr}]`).toBe(false);
      expect(attr).not.toBe("style");
    }
    if (name === "a") {
      expect(isSafeHref(attrs.href), attrs.href).toBe(true);
      expect(attrs.target).toBe("_blank");
      expect(attrs.rel?.split(" ")).toContain("noopener");
    }
  }
  expect(html).not.toMatch(/<script|javascript:|data:/i);
}

describe("parseCommentBody", () => {
  it("accepts every feature a comment may use and renders it exactly", () => {
    const body = parseCommentBody(EVERYTHING);
    expect(body.html).toBe(EVERYTHING_HTML);
    expect(body.text).toBe(
      "Plain, bold, italic, struck, x < y, http https and mail\nafter @Ann Lee\n" +
        "one\ntwo\nthree\nquoted\nconst a = 1 < 2;\nreturn a;",
    );
    expect(body.mentions).toEqual(["cm0abcdef123"]);
    expectHarmless(body.html);
  });

  it("renders what Tiptap's own generateHTML renders for the same document", () => {
    expect(parseCommentBody(EVERYTHING).html).toBe(generateHTML(EVERYTHING, commentExtensions()));
  });

  it("returns normalized JSON that parses to itself", () => {
    const { json } = parseCommentBody(EVERYTHING);
    expect(json.content?.[0]?.content?.[9]?.marks).toEqual([
      {
        type: "link",
        attrs: {
          href: "http://example.com/a?b=1&c=2",
          target: "_blank",
          rel: "noopener noreferrer nofollow ugc",
          class: null,
          title: null,
        },
      },
    ]);
    expect(parseCommentBody(json).json).toEqual(json);
  });

  it("normalizes link attributes whatever the client sent", () => {
    const { json, html } = parseCommentBody(
      doc(
        p(
          t("x", {
            type: "link",
            attrs: { href: "https://ok.example", target: "_self", rel: "opener", class: "c" },
          }),
        ),
      ),
    );
    expect(json.content?.[0]?.content?.[0]?.marks?.[0]?.attrs).toEqual({
      href: "https://ok.example",
      target: "_blank",
      rel: "noopener noreferrer nofollow ugc",
      class: null,
      title: null,
    });
    expect(html).toBe(`<p><a ${LINK} href="https://ok.example">x</a></p>`);
  });

  it("lists distinct mentions in document order", () => {
    const mention = (id: string) => ({ type: "mention", attrs: { id, label: id.toUpperCase() } });
    const body = parseCommentBody(
      doc(p(mention("bbbbbbbb"), mention("aaaaaaaa")), p(mention("bbbbbbbb"))),
    );
    expect(body.mentions).toEqual(["bbbbbbbb", "aaaaaaaa"]);
    expect(body.text).toBe("@BBBBBBBB@AAAAAAAA\n@BBBBBBBB");
  });

  it("accepts a comment that is only a mention", () => {
    const body = parseCommentBody(
      doc(p({ type: "mention", attrs: { id: "cm0abcdef123", label: "Ann" } })),
    );
    expect(body.text).toBe("@Ann");
  });

  it("refuses an empty comment with 'Write something first'", () => {
    for (const empty of [doc(), doc(p()), doc(p(), p(t("   "))), doc(p({ type: "hardBreak" }))]) {
      const error = refusal(empty);
      expect(error.code).toBe("unprocessable");
      expect(error.message).toBe("Write something first.");
    }
  });

  it("says where and what is wrong", () => {
    const error = refusal(doc(p(t("x", link("javascript:alert(1)")))));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/http, https or mailto/);
    expect(error.details).toEqual([
      {
        path: "body.content[0].content[0].marks[0].attrs.href",
        message: expect.stringMatching(/http, https or mailto/),
      },
    ]);
  });

  it("does not pollute prototypes", () => {
    refusal(JSON.parse('{"type":"doc","__proto__":{"polluted":1},"content":[]}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("hostile bodies", () => {
  const refused = HOSTILE_BODIES.filter((c) => c.expect === "refused");
  const harmless = HOSTILE_BODIES.filter((c) => c.expect === "harmless");

  it("has a corpus of at least 60", () => {
    expect(HOSTILE_BODIES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(HOSTILE_BODIES.map((c) => c.name)).size).toBe(HOSTILE_BODIES.length);
  });

  it.each(refused.map((c) => [c.name, c] as const))("refuses %s", (_, c) => {
    const error = refusal(c.body);
    expect(error.code).toBe("unprocessable");
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.details?.[0]?.path).toMatch(/^body/);
  });

  it.each(harmless.map((c) => [c.name, c] as const))("renders %s harmlessly", (_, c) => {
    const { html } = parseCommentBody(c.body);
    expectHarmless(html);
  });
});

describe("limits", () => {
  const { maxChars, maxDepth } = COMMENT_LIMITS;

  it(`accepts exactly ${maxChars} characters and refuses one more`, () => {
    expect(parseCommentBody(doc(p(t("a".repeat(maxChars))))).text).toHaveLength(maxChars);
    const error = refusal(doc(p(t("a".repeat(maxChars + 1)))));
    expect(error.message).toMatch(/at most 20,000 characters/);
  });

  it("counts characters across paragraphs, not the separators", () => {
    const paragraphs = Array.from({ length: 200 }, () => p(t("a".repeat(maxChars / 200))));
    expect(() => parseCommentBody(doc(...paragraphs))).not.toThrow();
    refusal(doc(...paragraphs, p(t("a"))));
  });

  // Depth counts every node below the document, the text included: a paragraph in n quotes
  // puts its text at depth n + 2.
  const quoted = (levels: number): Json => {
    let node = p(t("deep"));
    for (let i = 0; i < levels; i++) node = { type: "blockquote", content: [node] };
    return doc(node);
  };

  it(`accepts nesting ${maxDepth} levels deep and refuses ${maxDepth + 1}`, () => {
    expect(parseCommentBody(quoted(maxDepth - 2)).text).toBe("deep");
    const error = refusal(quoted(maxDepth - 1));
    expect(error.message).toMatch(/nested too deeply/);
  });

  it("refuses JSON over the byte limit and says how big it may be", () => {
    const marks = [link(`https://x.example/${"a".repeat(2000)}`)];
    const body = doc(p(...Array.from({ length: 140 }, (_, i) => t(i % 2 ? "a" : "b", ...marks))));
    expect(JSON.stringify(body).length).toBeGreaterThan(COMMENT_LIMITS.maxJsonBytes);
    expect(refusal(body).message).toMatch(/at most 256 KB/);
  });

  it(`refuses more than ${COMMENT_LIMITS.maxNodes} nodes`, () => {
    const breaks = Array.from({ length: COMMENT_LIMITS.maxNodes }, () => ({ type: "hardBreak" }));
    expect(refusal(doc(p(t("x"), ...breaks))).message).toMatch(/too many parts/);
  });

  it("validates and renders a 20,000-character body quickly", () => {
    const paragraphs = Array.from({ length: 100 }, (_, i) =>
      p(
        t("a".repeat(150)),
        t("bold", { type: "bold" }),
        t(" link ", link(`https://example.com/${i}`)),
        t("b".repeat(40)),
      ),
    );
    const body = doc(...paragraphs);
    for (let i = 0; i < 5; i++) parseCommentBody(body); // warm-up
    const times = Array.from({ length: 21 }, () => {
      const start = performance.now();
      parseCommentBody(body);
      return performance.now() - start;
    });
    expect(parseCommentBody(body).text).toHaveLength(20_000 + 99);
    // The fastest run is the cost of the code itself (about 5 ms when measured); slower ones
    // measure whatever else shares the machine, which would make a time limit flaky.
    expect(Math.min(...times)).toBeLessThan(50);
  });
});
