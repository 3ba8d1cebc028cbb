// Comment bodies written to hurt: script in links, attributes and labels, keys that pollute
// prototypes, unknown nodes and marks, wrong shapes, and sizes past every limit. "refused" ones
// must get a 422 from parseCommentBody (lib/server/editor/comment-body.ts); "harmless" ones are
// accepted and must render to HTML with nothing executable in it. Shared by the unit tests and
// anything that posts comments over HTTP (send `hostileBodyJson(entry)` as the raw body).

export interface HostileBody {
  name: string;
  body: unknown;
  expect: "refused" | "harmless";
  /** The raw JSON text, for bodies whose shape JSON.stringify would not reproduce. */
  json?: string;
}

type Json = Record<string, unknown>;

const text = (value: string, marks?: Json[]): Json =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const p = (...content: Json[]): Json => ({ type: "paragraph", content });
const doc = (...content: unknown[]): Json => ({ type: "doc", content });
const linked = (attrs: Json): Json => doc(p(text("click me", [{ type: "link", attrs }])));
const withNode = (node: Json): Json => doc(p(text("before "), node));
const mention = (attrs: Json): Json => withNode({ type: "mention", attrs });
const nested = (depth: number, wrap: (inner: Json) => Json): Json => {
  let node = p(text("deep"));
  for (let i = 0; i < depth; i++) node = wrap(node);
  return doc(node);
};
const quoteOf = (inner: Json): Json => ({ type: "blockquote", content: [inner] });
const listOf = (inner: Json): Json => ({
  type: "bulletList",
  content: [{ type: "listItem", content: [p(text("item")), inner] }],
});
const fromJson = (name: string, json: string, expect: HostileBody["expect"] = "refused") => ({
  name,
  body: JSON.parse(json) as unknown,
  expect,
  json,
});

const SCRIPT_HREFS: [string, string][] = [
  ["javascript:", "javascript:alert(1)"],
  ["JavaScript: mixed case", "JavaScript:alert(1)"],
  ["JAVASCRIPT: upper case", "JAVASCRIPT:alert(1)"],
  ["javascript: leading space", " javascript:alert(1)"],
  ["javascript: leading tab", "\tjavascript:alert(1)"],
  ["javascript: leading newline", "\njavascript:alert(1)"],
  ["javascript: leading NUL", "\u0000javascript:alert(1)"],
  ["javascript: leading form feed", "\fjavascript:alert(1)"],
  ["javascript: trailing space after scheme", "javascript :alert(1)"],
  ["java<tab>script:", "java\tscript:alert(1)"],
  ["java<newline>script:", "java\nscript:alert(1)"],
  ["java<CR>script:", "java\rscript:alert(1)"],
  ["&#106;avascript: (decimal entity)", "&#106;avascript:alert(1)"],
  ["&#x6A;avascript: (hex entity)", "&#x6A;avascript:alert(1)"],
  ["jav&#x09;ascript: (entity tab)", "jav&#x09;ascript:alert(1)"],
  ["%6Aavascript: (percent-encoded)", "%6Aavascript:alert(1)"],
  ["javascript&colon; (named entity)", "javascript&colon;alert(1)"],
  ["javascript: written with a JS unicode escape", "\u006Aavascript:alert(1)"],
  ["javascript: full-width letters", "ｊａｖａｓｃｒｉｐｔ:alert(1)"],
  ["javascript: zero-width space in scheme", "java\u200bscript:alert(1)"],
  ["javascript: line separator before", "\u2028javascript:alert(1)"],
  ["javascript: BOM before", "\ufeffjavascript:alert(1)"],
  ["javascript://%0a newline trick", "javascript://%0aalert(1)"],
  ["javascript://host/%0A newline trick", "javascript://example.com/%0Aalert(document.cookie)"],
  ["javascript: with an https lookalike tail", "javascript:alert(1)//https://ok.example"],
  ["data:text/html", "data:text/html,<script>alert(1)</script>"],
  ["data:text/html;base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
  [
    "data:image/svg+xml",
    "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
  ],
  ["data:image/svg+xml;base64", "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"],
  ["DATA: upper case", "DATA:text/html,<script>alert(1)</script>"],
  ["vbscript:", "vbscript:msgbox(1)"],
  ["file:", "file:///etc/passwd"],
  ["blob:", "blob:https://ok.example/0b7f2c4e"],
  ["ftp:", "ftp://ok.example/file"],
  ["protocol-relative //evil.example", "//evil.example/x"],
  ["backslash-relative \\\\evil.example", "\\\\evil.example/x"],
  ["relative path", "/settings/delete-account"],
  ["dot-relative path", "../../admin"],
  ["fragment only", "#top"],
  ["https: without slashes", "https:evil.example"],
  ["http:// with no host", "http://"],
  ["href over 2048 characters", `https://ok.example/${"a".repeat(2100)}`],
];

const LINK_CASES: HostileBody[] = [
  ...SCRIPT_HREFS.map(([name, href]): HostileBody => ({
    name: `link href ${name}`,
    body: linked({ href }),
    expect: "refused",
  })),
  { name: "link with no href", body: linked({}), expect: "refused" },
  { name: "link href as a number", body: linked({ href: 42 }), expect: "refused" },
  { name: "link href as an object", body: linked({ href: { toString: "x" } }), expect: "refused" },
  {
    name: "link with onclick",
    body: linked({ href: "https://ok.example", onclick: "alert(1)" }),
    expect: "refused",
  },
  {
    name: "link with onmouseover",
    body: linked({ href: "https://ok.example", onmouseover: "alert(1)" }),
    expect: "refused",
  },
  {
    name: "link with style",
    body: linked({ href: "https://ok.example", style: "position:fixed;inset:0" }),
    expect: "refused",
  },
  {
    name: "link with a class payload (normalized away)",
    body: linked({ href: "https://ok.example", class: '" onclick="alert(1)' }),
    expect: "harmless",
  },
  {
    name: "link with a weird target (normalized to _blank)",
    body: linked({ href: "https://ok.example", target: '_self" onfocus="alert(1)' }),
    expect: "harmless",
  },
  {
    name: "link with rel=opener (normalized)",
    body: linked({ href: "https://ok.example", target: "_top", rel: "opener" }),
    expect: "harmless",
  },
  {
    name: "link with a script title (dropped)",
    body: linked({ href: "https://ok.example", title: '"><script>alert(1)</script>' }),
    expect: "harmless",
  },
  {
    name: "link href breaking out of its quotes",
    body: linked({ href: 'https://ok.example/"><script>alert(1)</script>' }),
    expect: "harmless",
  },
  {
    name: "link class over 2048 characters",
    body: linked({ href: "https://ok.example", class: "x".repeat(5000) }),
    expect: "refused",
  },
  {
    name: "two link marks on one text",
    body: doc(
      p(
        text("x", [
          { type: "link", attrs: { href: "https://a.example" } },
          { type: "link", attrs: { href: "https://b.example" } },
        ]),
      ),
    ),
    expect: "refused",
  },
];

const ATTRIBUTE_CASES: HostileBody[] = [
  {
    name: "paragraph with onclick",
    body: doc({ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [text("x")] }),
    expect: "refused",
  },
  {
    name: "paragraph with style",
    body: doc({ type: "paragraph", attrs: { style: "background:url(x)" }, content: [text("x")] }),
    expect: "refused",
  },
  {
    name: "text node with onerror attrs",
    body: doc(p({ type: "text", text: "x", attrs: { onerror: "alert(1)" } })),
    expect: "refused",
  },
  {
    name: "bold mark with onclick",
    body: doc(p(text("x", [{ type: "bold", attrs: { onclick: "alert(1)" } }]))),
    expect: "refused",
  },
  {
    name: "mention with onmouseover",
    body: mention({ id: "user12345678", label: "Ann", onmouseover: "alert(1)" }),
    expect: "refused",
  },
  {
    name: "node with an html property",
    body: doc({ type: "paragraph", html: "<script>alert(1)</script>", content: [text("x")] }),
    expect: "refused",
  },
  {
    name: "mark with a content property",
    body: doc(p(text("x", [{ type: "bold", content: [text("y")] }]))),
    expect: "refused",
  },
  fromJson(
    "__proto__ key on a node",
    '{"type":"doc","content":[{"type":"paragraph","__proto__":{"onclick":"alert(1)"},"content":[{"type":"text","text":"x"}]}]}',
  ),
  // The route's schema (lib/shared/schemas/comment.ts) passes the object on untouched, so this
  // own key reaches parseCommentBody over HTTP too.
  fromJson(
    "__proto__ key on the document",
    '{"type":"doc","__proto__":{"polluted":true},"content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}',
  ),
  fromJson(
    "__proto__ key in node attrs",
    '{"type":"doc","content":[{"type":"orderedList","attrs":{"__proto__":{"start":9}},"content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}]}]}',
  ),
  fromJson(
    "__proto__ key in link attrs",
    '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"https://ok.example","__proto__":{"href":"javascript:alert(1)"}}}]}]}]}',
  ),
  fromJson(
    "__proto__ key on a mark",
    '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"bold","__proto__":{"type":"link"}}]}]}]}',
  ),
  {
    name: "constructor key in mention attrs",
    body: mention({ id: "user12345678", label: "Ann", constructor: "x" }),
    expect: "refused",
  },
  {
    name: "prototype key on a node",
    body: doc({ type: "paragraph", prototype: {}, content: [text("x")] }),
    expect: "refused",
  },
  {
    name: "constructor key on a mark",
    body: doc(p(text("x", [{ type: "italic", constructor: {} }]))),
    expect: "refused",
  },
  {
    name: "attribute value is an object",
    body: doc({
      type: "codeBlock",
      attrs: { language: { toString: "js" } },
      content: [text("x")],
    }),
    expect: "refused",
  },
  {
    name: "attribute value is an array (a DOM spec)",
    body: doc({ type: "codeBlock", attrs: { language: ["script", {}] }, content: [text("x")] }),
    expect: "refused",
  },
];

const TYPE_CASES: HostileBody[] = [
  ...["script", "iframe", "image", "html", "heading", "horizontalRule", "table", "Paragraph"].map(
    (type): HostileBody => ({
      name: `unknown node type ${type}`,
      body: doc({ type, attrs: {}, content: [text("x")] }),
      expect: "refused",
    }),
  ),
  ...["__proto__", "constructor", "toString", "hasOwnProperty"].map((type): HostileBody => ({
    name: `node type named ${type}`,
    body: doc({ type, content: [text("x")] }),
    expect: "refused",
  })),
  ...["underline", "textStyle", "highlight", "subscript", "__proto__"].map((type): HostileBody => ({
    name: `unknown mark ${type}`,
    body: doc(p(text("x", [{ type }]))),
    expect: "refused",
  })),
  {
    name: "inline script element node",
    body: withNode({ type: "script", text: "alert(1)" }),
    expect: "refused",
  },
];

const TEXT_CASES: HostileBody[] = [
  {
    name: "text with a script tag",
    body: doc(p(text("<script>alert(1)</script>"))),
    expect: "harmless",
  },
  {
    name: "text with an img onerror",
    body: doc(p(text("<img src=x onerror=alert(1)>"))),
    expect: "harmless",
  },
  {
    name: "text already entity-escaped",
    body: doc(p(text("&lt;script&gt;alert(1)&lt;/script&gt;"))),
    expect: "harmless",
  },
  {
    name: "text closing tags and comments",
    body: doc(p(text("</p></div><!-- --><![CDATA[x]]><svg/onload=alert(1)>"))),
    expect: "harmless",
  },
  {
    name: "inline code breaking out of code",
    body: doc(p(text("</code><script>alert(1)</script>", [{ type: "code" }]))),
    expect: "harmless",
  },
  {
    name: "code block breaking out of pre",
    body: doc({ type: "codeBlock", content: [text("</code></pre><script>alert(1)</script>")] }),
    expect: "harmless",
  },
  { name: "text with NUL", body: doc(p(text("a\u0000b"))), expect: "refused" },
  { name: "text with a lone surrogate", body: doc(p(text("a\ud800b"))), expect: "refused" },
  { name: "empty text node", body: doc(p(text(""))), expect: "refused" },
  { name: "text as a number", body: doc(p({ type: "text", text: 42 })), expect: "refused" },
  { name: "text node without text", body: doc(p({ type: "text" })), expect: "refused" },
  {
    name: "paragraph with its own text",
    body: doc({ type: "paragraph", text: "x" }),
    expect: "refused",
  },
  {
    name: "paragraph inside a text node",
    body: doc(p({ type: "text", text: "x", content: [p(text("y"))] })),
    expect: "refused",
  },
];

const MENTION_CASES: HostileBody[] = [
  {
    name: "mention label with an img onerror",
    body: mention({ id: "user12345678", label: "<img src=x onerror=alert(1)>" }),
    expect: "harmless",
  },
  {
    name: "mention label breaking out of an attribute",
    body: mention({ id: "user12345678", label: '"><script>alert(1)</script>' }),
    expect: "harmless",
  },
  {
    name: "mention id breaking out of an attribute",
    body: mention({ id: '"><script>alert(1)</script>', label: "Ann" }),
    expect: "refused",
  },
  { name: "mention without id", body: mention({ label: "Ann" }), expect: "refused" },
  { name: "mention id too short", body: mention({ id: "abc", label: "Ann" }), expect: "refused" },
  { name: "mention without attrs", body: withNode({ type: "mention" }), expect: "refused" },
  {
    name: "mention with an empty label",
    body: mention({ id: "user12345678", label: "" }),
    expect: "refused",
  },
  {
    name: "mention label over 100 characters",
    body: mention({ id: "user12345678", label: "A".repeat(101) }),
    expect: "refused",
  },
  {
    name: "mention label as a number",
    body: mention({ id: "user12345678", label: 7 }),
    expect: "refused",
  },
  {
    name: "mention suggestion char with markup",
    body: mention({ id: "user12345678", label: "Ann", mentionSuggestionChar: "<b>" }),
    expect: "refused",
  },
  {
    name: "mention with content",
    body: withNode({
      type: "mention",
      attrs: { id: "user12345678", label: "Ann" },
      content: [text("x")],
    }),
    expect: "refused",
  },
];

const codeBlock = (attrs: Json): Json => ({ type: "codeBlock", attrs, content: [text("x")] });
const orderedList = (attrs: Json): Json => ({
  type: "orderedList",
  attrs,
  content: [{ type: "listItem", content: [p(text("x"))] }],
});

const BLOCK_CASES: HostileBody[] = [
  {
    name: "code block language breaking out of class",
    body: doc(codeBlock({ language: '"><script>alert(1)</script>' })),
    expect: "refused",
  },
  {
    name: "code block language with an event handler",
    body: doc(codeBlock({ language: "js onmouseover=alert(1)" })),
    expect: "refused",
  },
  {
    name: "ordered list start as a string",
    body: doc(orderedList({ start: '1" onclick="alert(1)' })),
    expect: "refused",
  },
  {
    name: "ordered list start out of range",
    body: doc(orderedList({ start: 1e300 })),
    expect: "refused",
  },
  {
    name: "ordered list type with markup",
    body: doc(orderedList({ type: '1" onclick="alert(1)' })),
    expect: "refused",
  },
  {
    name: "list item directly in doc",
    body: doc({ type: "listItem", content: [p(text("x"))] }),
    expect: "refused",
  },
  { name: "text directly in doc", body: doc(text("x")), expect: "refused" },
  {
    name: "link mark inside a code block",
    body: doc({
      type: "codeBlock",
      content: [text("x", [{ type: "link", attrs: { href: "https://ok.example" } }])],
    }),
    expect: "refused",
  },
  {
    name: "bold and code on one text",
    body: doc(p(text("x", [{ type: "bold" }, { type: "code" }]))),
    expect: "refused",
  },
  {
    name: "bold mark on a paragraph",
    body: doc({ type: "paragraph", marks: [{ type: "bold" }], content: [text("x")] }),
    expect: "refused",
  },
  {
    name: "hard break with content",
    body: withNode({ type: "hardBreak", content: [text("x")] }),
    expect: "refused",
  },
  { name: "doc nested in a doc", body: doc(doc(p(text("x")))), expect: "refused" },
  { name: "200 nested blockquotes", body: nested(200, quoteOf), expect: "refused" },
  { name: "200 nested lists", body: nested(200, listOf), expect: "refused" },
  ((depth) => {
    const open = '{"type":"blockquote","content":['.repeat(depth);
    const json = `{"type":"doc","content":[${open}{"type":"paragraph"}${"]}".repeat(depth)}]}`;
    return fromJson("50,000 nested blockquotes (too deep even to re-serialize)", json);
  })(50_000),
];

const SHAPE_CASES: HostileBody[] = [
  { name: "a number", body: 42, expect: "refused" },
  { name: "null", body: null, expect: "refused" },
  { name: "a string of HTML", body: "<p>hi<script>alert(1)</script></p>", expect: "refused" },
  {
    name: "a JSON string of a document",
    body: JSON.stringify(doc(p(text("x")))),
    expect: "refused",
  },
  { name: "an array of nodes", body: [p(text("x"))], expect: "refused" },
  { name: "doc with no content", body: { type: "doc" }, expect: "refused" },
  { name: "doc with empty content", body: doc(), expect: "refused" },
  { name: "doc with only whitespace", body: doc(p(text("  \n\t "))), expect: "refused" },
  { name: "doc with only hard breaks", body: doc(p({ type: "hardBreak" })), expect: "refused" },
  {
    name: "root type not doc",
    body: { type: "paragraph", content: [text("x")] },
    expect: "refused",
  },
  {
    name: "root with attrs",
    body: { type: "doc", attrs: {}, content: [p(text("x"))] },
    expect: "refused",
  },
  {
    name: "content is an object",
    body: { type: "doc", content: { 0: p(text("x")) } },
    expect: "refused",
  },
  {
    name: "content is a string",
    body: doc({ type: "paragraph", content: "x" }),
    expect: "refused",
  },
  { name: "content holds null", body: doc(null), expect: "refused" },
  { name: "content holds a string", body: doc("<p>x</p>"), expect: "refused" },
  {
    name: "attrs is an array",
    body: doc({ type: "orderedList", attrs: [1], content: [] }),
    expect: "refused",
  },
  {
    name: "marks are strings",
    body: doc(p(text("x", ["bold" as unknown as Json]))),
    expect: "refused",
  },
  {
    name: "marks is a string",
    body: doc(p({ type: "text", text: "x", marks: "bold" })),
    expect: "refused",
  },
  { name: "node type is a number", body: doc({ type: 1, content: [] }), expect: "refused" },
];

const SIZE_CASES: HostileBody[] = [
  { name: "20,001 characters", body: doc(p(text("a".repeat(20_001)))), expect: "refused" },
  {
    name: "20,001 characters over many paragraphs",
    body: doc(...Array.from({ length: 201 }, (_, i) => p(text("a".repeat(i === 0 ? 1 : 100))))),
    expect: "refused",
  },
  {
    name: "JSON over 256 KB (long link hrefs)",
    body: doc(
      p(
        ...Array.from({ length: 160 }, (_, i) =>
          text(i % 2 ? "a" : "b", [
            { type: "link", attrs: { href: `https://x.example/${"a".repeat(1900)}` } },
          ]),
        ),
      ),
    ),
    expect: "refused",
  },
  {
    name: "10,001 hard breaks",
    body: doc(p(text("x"), ...Array.from({ length: 10_001 }, () => ({ type: "hardBreak" })))),
    expect: "refused",
  },
  {
    name: "title over 2048 characters",
    body: linked({ href: "https://ok.example", title: "t".repeat(100_000) }),
    expect: "refused",
  },
];

export const HOSTILE_BODIES: HostileBody[] = [
  ...LINK_CASES,
  ...ATTRIBUTE_CASES,
  ...TYPE_CASES,
  ...TEXT_CASES,
  ...MENTION_CASES,
  ...BLOCK_CASES,
  ...SHAPE_CASES,
  ...SIZE_CASES,
];

/** The raw JSON to send for an entry over HTTP (own `__proto__` keys and deep nesting kept). */
/** The user id the corpus's mentions name: tests that send the corpus to the API replace it
 * with a real member's id (mentions of non-members are refused there). */
export const CORPUS_MENTION_ID = "user12345678";

export function hostileBodyJson(entry: HostileBody): string {
  return entry.json ?? JSON.stringify(entry.body);
}
