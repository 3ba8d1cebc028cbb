import "server-only";

import { getSchema, type JSONContent } from "@tiptap/core";
import { DOMSerializer, Node, type Schema } from "@tiptap/pm/model";

import { AppError } from "@/lib/server/errors";
import { COMMENT_LIMITS, commentExtensions } from "@/lib/shared/editor/extensions";
import { isSafeHref } from "@/lib/shared/editor/links";

// A comment body arrives as Tiptap JSON from someone's browser and is shown as HTML in everyone
// else's. Nothing of it is trusted: a strict walk refuses every key, type, attribute and value
// the shared schema does not declare (ProseMirror's fromJSON would silently drop unknown
// attributes, so it cannot be the first line), ProseMirror then checks the structure, and the
// HTML is rendered here from the checked document by a serializer that can only emit
// allow-listed elements and attributes, escaping everything else.

export interface CommentBody {
  /** The document as ProseMirror normalized it: what to store and give back to the editor. */
  json: JSONContent;
  /** Rendered from `json` alone; safe to insert into a page. */
  html: string;
  /** Plain text for search and exports: one line per paragraph or code line, mentions as @Label. */
  text: string;
  /** The mentioned user ids, distinct, in document order. */
  mentions: string[];
}

const NODE_KEYS = new Set(["type", "attrs", "content", "marks", "text"]);
const MARK_KEYS = new Set(["type", "attrs"]);
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_ATTR_LENGTH = 2048;
const MAX_MARKS = 16;
const MAX_NODES = COMMENT_LIMITS.maxNodes;
const MENTION_ID = /^[a-z0-9]{8,40}$/i;
const CODE_LANGUAGE = /^[a-z0-9][a-z0-9+#._-]{0,31}$/i;
const LIST_TYPES = new Set(["1", "a", "A", "i", "I"]);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LINK_ATTRS = { target: "_blank", rel: "noopener noreferrer nofollow ugc", class: null };

let cachedSchema: Schema | undefined;
function commentSchema(): Schema {
  return (cachedSchema ??= getSchema(commentExtensions()));
}

type Json = Record<string, unknown>;
type MarkJson = NonNullable<JSONContent["marks"]>[number];
interface Walk {
  schema: Schema;
  nodes: number;
  chars: number;
  visible: boolean;
  mentions: Set<string>;
}

const INVALID = "The comment is not a valid Tiptap document.";
const EMPTY = "Write something first.";

/** Refuses the body with a 422: `message` says what is wrong at `path`, `summary` to a person. */
function refuse(path: string, message: string, summary?: string): never {
  const human = summary ?? `The comment is not a valid Tiptap document (${path}: ${message})`;
  throw new AppError("unprocessable", human, [{ path, message }]);
}

/** For quoting what the client sent inside an error message, kept short. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/**
 * The own, enumerable data properties of a plain object (or null-prototype one), or a refusal.
 * Values are read once here, so a getter cannot show the check one thing and the renderer another.
 */
function entriesOf(value: unknown, path: string, allowed: Set<string>): [string, unknown][] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    refuse(path, "Expected an object.");
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) refuse(path, "Expected a plain object.");
  const entries: [string, unknown][] = [];
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== "string" || FORBIDDEN_KEYS.has(key) || !allowed.has(key)) {
      const name = typeof key === "string" ? quote(key) : "(symbol)";
      refuse(`${path}.${String(key).slice(0, 40)}`, `Property ${name} is not allowed here.`);
    }
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (!d || !d.enumerable || !Object.hasOwn(d, "value")) {
      refuse(`${path}.${key}`, "Expected a plain data property.");
    }
    entries.push([key, d.value]);
  }
  return entries;
}

const TOO_MANY_PARTS = `The comment has too many parts (at most ${MAX_NODES.toLocaleString("en")}).`;

function arrayOf(value: unknown, path: string, max: number, tooMany?: string): unknown[] {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) {
    refuse(path, "Expected an array.");
  }
  if (value.length > max) refuse(path, `At most ${max} entries are allowed here.`, tooMany);
  return Array.from({ length: value.length }, (_, i) => value[i]);
}

function checkString(value: string, path: string): void {
  if (value.includes("\u0000")) refuse(path, "Text may not contain NUL characters.");
  if (LONE_SURROGATE.test(value)) refuse(path, "Text must be valid Unicode.");
}

/** Attributes of a node or mark: only keys its spec declares, only primitive values. */
function attrsOf(value: unknown, path: string, declared: object | undefined): Json {
  const allowed = new Set(declared ? Object.keys(declared) : []);
  const attrs: Json = {};
  for (const [key, v] of entriesOf(value, path, allowed)) {
    const at = `${path}.${key}`;
    if (typeof v === "string") {
      if (v.length > MAX_ATTR_LENGTH) refuse(at, `At most ${MAX_ATTR_LENGTH} characters.`);
      checkString(v, at);
    } else if (typeof v === "number") {
      if (!Number.isFinite(v)) refuse(at, "Expected a finite number.");
    } else if (typeof v !== "boolean" && v !== null) {
      refuse(at, "Expected a string, number, boolean or null.");
    }
    attrs[key] = v;
  }
  return attrs;
}

function cleanMark(raw: unknown, path: string, w: Walk): MarkJson {
  let type: unknown;
  let rawAttrs: unknown;
  for (const [key, v] of entriesOf(raw, path, MARK_KEYS)) {
    if (key === "type") type = v;
    else rawAttrs = v;
  }
  if (typeof type !== "string") refuse(`${path}.type`, "Every mark needs a type.");
  if (!Object.hasOwn(w.schema.marks, type)) {
    const message = `Formatting ${quote(type)} is not allowed in comments.`;
    refuse(`${path}.type`, message, message);
  }
  const declared = w.schema.marks[type]!.spec.attrs;
  const attrs = rawAttrs === undefined ? {} : attrsOf(rawAttrs, `${path}.attrs`, declared);
  if (type !== "link") return Object.keys(attrs).length ? { type, attrs } : { type };
  if (!isSafeHref(attrs.href)) {
    const message = "Links must be full http, https or mailto addresses.";
    refuse(`${path}.attrs.href`, message, message);
  }
  // Whatever the client sent, a link opens in a new tab without access to this page.
  return { type, attrs: { href: attrs.href, ...LINK_ATTRS, title: null } };
}

function nodeAttrs(type: string, attrs: Json, path: string, w: Walk): Json {
  if (type === "mention") {
    const { id, label } = attrs;
    if (typeof id !== "string" || !MENTION_ID.test(id)) refuse(`${path}.id`, "Invalid mention.");
    if (typeof label !== "string" || label.length < 1 || label.length > 100) {
      refuse(`${path}.label`, "A mention needs a name of 1 to 100 characters.");
    }
    const char = attrs.mentionSuggestionChar;
    if (char !== undefined && char !== null && char !== "@") {
      refuse(`${path}.mentionSuggestionChar`, "Mentions start with @.");
    }
    w.mentions.add(id);
    w.visible = true;
    return { id, label, mentionSuggestionChar: "@" };
  }
  if (type === "codeBlock" && attrs.language !== undefined) {
    const language = attrs.language === "" ? null : attrs.language;
    if (language !== null && (typeof language !== "string" || !CODE_LANGUAGE.test(language))) {
      refuse(`${path}.language`, "Invalid code language.");
    }
    return { language };
  }
  if (type === "orderedList") {
    const { start, type: listType } = attrs;
    if (start !== undefined && !(Number.isSafeInteger(start) && Number(start) >= 0)) {
      refuse(`${path}.start`, "A list starts at a whole number.");
    }
    if (listType !== undefined && listType !== null && !LIST_TYPES.has(String(listType))) {
      refuse(`${path}.type`, "Invalid list numbering.");
    }
  }
  return attrs;
}

function cleanNode(raw: unknown, path: string, depth: number, w: Walk): JSONContent {
  if (depth > COMMENT_LIMITS.maxDepth) {
    refuse(
      path,
      `Nested more than ${COMMENT_LIMITS.maxDepth} levels deep.`,
      `The comment is nested too deeply (at most ${COMMENT_LIMITS.maxDepth} levels of lists and quotes).`,
    );
  }
  if (++w.nodes > MAX_NODES) {
    refuse(path, `More than ${MAX_NODES} parts.`, TOO_MANY_PARTS);
  }
  const fields = new Map(entriesOf(raw, path, NODE_KEYS));
  const type = fields.get("type");
  if (typeof type !== "string") refuse(`${path}.type`, "Every node needs a type.");
  if (!Object.hasOwn(w.schema.nodes, type) || type === "doc") {
    const message = `Element ${quote(type)} is not allowed in comments.`;
    refuse(`${path}.type`, message, message);
  }
  const node: JSONContent = { type };

  if (type === "text") {
    const text = fields.get("text");
    if (typeof text !== "string" || text.length === 0) {
      refuse(`${path}.text`, "A text node needs non-empty text.");
    }
    if (fields.has("content") || fields.has("attrs")) {
      refuse(path, "A text node may have neither content nor attributes.");
    }
    w.chars += text.length;
    if (w.chars > COMMENT_LIMITS.maxChars) {
      refuse(
        `${path}.text`,
        `More than ${COMMENT_LIMITS.maxChars.toLocaleString("en")} characters.`,
        `The comment is too long (at most ${COMMENT_LIMITS.maxChars.toLocaleString("en")} characters).`,
      );
    }
    checkString(text, `${path}.text`);
    if (!w.visible && /\S/.test(text)) w.visible = true;
    node.text = text;
  } else if (fields.has("text")) {
    refuse(`${path}.text`, `A ${type} node has no text of its own.`);
  }

  const spec = w.schema.nodes[type]!.spec;
  if (fields.has("attrs")) {
    const attrs = attrsOf(fields.get("attrs"), `${path}.attrs`, spec.attrs);
    node.attrs = nodeAttrs(type, attrs, `${path}.attrs`, w);
  } else if (type === "mention") {
    node.attrs = nodeAttrs(type, {}, `${path}.attrs`, w);
  }
  if (fields.has("marks")) {
    const marks = arrayOf(fields.get("marks"), `${path}.marks`, MAX_MARKS);
    node.marks = marks.map((m, i) => cleanMark(m, `${path}.marks[${i}]`, w));
  }
  if (fields.has("content")) {
    const content = arrayOf(fields.get("content"), `${path}.content`, MAX_NODES, TOO_MANY_PARTS);
    node.content = content.map((c, i) => cleanNode(c, `${path}.content[${i}]`, depth + 1, w));
  }
  return node;
}

function jsonBytes(input: unknown): number {
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch {
    // Cycles, BigInts, or nesting deep enough to exhaust the stack.
    refuse("body", "Not serializable as JSON (cyclic, or nested too deeply).", INVALID);
  }
  return json === undefined ? 0 : Buffer.byteLength(json, "utf8");
}

/**
 * Validates a comment body sent by a client and renders it. Throws a 422 AppError, never
 * anything else, for input that does not fit the comment schema or its limits.
 */
export function parseCommentBody(input: unknown): CommentBody {
  const schema = commentSchema();
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    refuse("body", "Expected a Tiptap document.", INVALID);
  }
  const bytes = jsonBytes(input);
  if (bytes > COMMENT_LIMITS.maxJsonBytes) {
    const size = `${Math.ceil(bytes / 1024)} KB`;
    const max = `${COMMENT_LIMITS.maxJsonBytes / 1024} KB`;
    refuse(
      "body",
      `${size} of JSON; at most ${max}.`,
      `The comment is too large: ${size}, at most ${max}.`,
    );
  }

  const w: Walk = { schema, nodes: 0, chars: 0, visible: false, mentions: new Set<string>() };
  const root = new Map(entriesOf(input, "body", new Set(["type", "content"])));
  if (root.get("type") !== "doc") refuse("body.type", 'The document\'s type must be "doc".');
  if (!root.has("content")) refuse("body.content", "The document has no content.");
  const content = arrayOf(root.get("content"), "body.content", MAX_NODES, TOO_MANY_PARTS);
  if (content.length === 0) refuse("body.content", "The comment is empty.", EMPTY);
  const clean: JSONContent = {
    type: "doc",
    content: content.map((c, i) => cleanNode(c, `body.content[${i}]`, 1, w)),
  };

  let doc: Node;
  try {
    doc = Node.fromJSON(schema, clean);
    doc.check();
  } catch (error) {
    // e.g. a list item outside a list, text directly in the document, formatting in code
    const detail = error instanceof Error ? error.message.slice(0, 200) : "Invalid structure.";
    refuse("body", detail, structureMessage(detail));
  }
  if (!w.visible) refuse("body", "The comment is empty.", EMPTY);
  const json = doc.toJSON() as JSONContent;
  return { json, html: renderHtml(doc), text: plainText(doc), mentions: [...w.mentions] };
}

function structureMessage(detail: string): string {
  const parent = /^Invalid content for node (\w+)/.exec(detail)?.[1];
  if (parent === "doc") return "The comment's structure is not valid at its top level.";
  if (parent) return `The comment's structure is not valid: a ${parent} holds what it cannot.`;
  if (/marks/.test(detail)) return "The comment combines formatting that cannot go together.";
  return "The comment's structure is not valid.";
}

/** One line per textblock (paragraph, code block), mentions as @Label, hard breaks as newlines. */
function plainText(doc: Node): string {
  const lines: string[] = [];
  doc.descendants((block) => {
    if (!block.isTextblock) return true;
    let line = "";
    block.forEach((inline) => {
      if (inline.isText) line += inline.text;
      else if (inline.type.name === "mention") line += `@${inline.attrs.label}`;
      else if (inline.type.name === "hardBreak") line += "\n";
    });
    lines.push(line);
    return false;
  });
  return lines.join("\n");
}

// The HTML is serialized by ProseMirror's DOMSerializer from the schema's own toDOM specs (so it
// matches what the editor renders) into this minimal string-building document. It is faster
// than a happy-dom window per comment, escapes <, >, & and " everywhere, and refuses to emit any
// element or attribute outside the allow-lists: a new extension must be reviewed here first.
const ELEMENTS = new Set("p br strong em s code pre a ul ol li blockquote span".split(" "));
const ATTRIBUTE = /^(?:href|target|rel|class|title|start|type|data-[a-z][a-z-]*)$/;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escapeHtml = (s: string) => (/[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : s);

class HtmlText {
  readonly nodeType = 3;
  constructor(readonly data: string) {}
  toString(): string {
    return escapeHtml(this.data);
  }
}

class HtmlElement {
  readonly children: (HtmlElement | HtmlText)[] = [];
  readonly attrs = new Map<string, string>();
  /** `tag` "" with nodeType 11 is a document fragment. */
  constructor(
    readonly tag: string,
    readonly nodeType = 1,
  ) {
    if (tag !== "" && !ELEMENTS.has(tag)) throw new Error(`Comment HTML may not contain <${tag}>`);
  }
  appendChild<T extends HtmlElement | HtmlText>(child: T): T {
    this.children.push(child);
    return child;
  }
  setAttribute(name: string, value: unknown): void {
    const v = String(value);
    if (!ATTRIBUTE.test(name)) throw new Error(`Comment HTML may not contain ${name}=`);
    if (name === "href" && !isSafeHref(v)) throw new Error("Unsafe href in comment HTML");
    this.attrs.set(name, v);
  }
  setAttributeNS(): void {
    throw new Error("Comment HTML has no namespaced attributes");
  }
  toString(): string {
    const inner = this.children.join("");
    if (this.tag === "") return inner;
    let attrs = "";
    for (const [name, value] of this.attrs) attrs += ` ${name}="${escapeHtml(value)}"`;
    return this.tag === "br" ? `<br${attrs}>` : `<${this.tag}${attrs}>${inner}</${this.tag}>`;
  }
}

const htmlDocument = {
  createElement: (tag: string) => new HtmlElement(tag),
  createElementNS: () => {
    throw new Error("Comment HTML has no namespaced elements");
  },
  createTextNode: (data: string) => new HtmlText(data),
  createDocumentFragment: () => new HtmlElement("", 11),
};

function renderHtml(doc: Node): string {
  const serializer = DOMSerializer.fromSchema(doc.type.schema);
  const fragment = serializer.serializeFragment(doc.content, {
    document: htmlDocument as unknown as Document,
  });
  return String(fragment);
}
