import { z } from "zod";

import { normalizeTagName } from "@/lib/shared/schemas/annotation";

// What the W3C and Hypothesis readers share: the error they throw, zod parsing at a path, and
// the checks and cuts every imported field goes through.

/** A file that is not one of the formats read here, or breaks them or Glossa's limits. */
export class ImportFormatError extends Error {
  /** Where in the file, e.g. "rows[3].target[0].selector[2].exact", or "" for the whole. */
  readonly path: string;
  constructor(message: string, path = "") {
    super(message);
    this.name = "ImportFormatError";
    this.path = path;
  }
}

export type Format = "w3c" | "hypothesis";

export const NEITHER = "This file is neither W3C Web Annotation JSON-LD nor a Hypothesis export";
const PREFIX: Record<Format, string> = {
  w3c: "This W3C Web Annotation file cannot be imported",
  hypothesis: "This Hypothesis export cannot be imported",
};

export function refuse(format: Format | null, path: string, problem: string): never {
  const head = format ? PREFIX[format] : NEITHER;
  throw new ImportFormatError(`${head}: ${path ? `${path}: ` : ""}${problem}`, path);
}

export function joinPath(base: string, parts: readonly PropertyKey[]): string {
  let path = base;
  for (const part of parts) {
    if (typeof part === "number") path += `[${part}]`;
    else path += path ? `.${String(part)}` : String(part);
  }
  return path;
}

/** Parses `value` with `schema` or refuses, naming the first problem and where it is. */
export function read<T>(format: Format, schema: z.ZodType<T>, value: unknown, path: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  refuse(format, joinPath(path, issue.path), issue.message);
}

/** The own property of a plain JSON object (never an inherited one), or undefined. */
export function own(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** JSON-LD terms may be compacted ("Annotation"), prefixed ("oa:Annotation") or full IRIs. */
export function terms(value: string | string[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((term) => term.replace(/^.*[#:/]/, ""));
}

export const LIMITS = {
  annotations: 20_000,
  replies: 50_000,
  exact: 5_000,
  context: 200,
  tags: 20,
  tag: 60,
  comment: 100_000,
  name: 100,
  title: 500,
  url: 2_048,
} as const;

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The first `max` UTF-16 units of `s`, never ending inside a surrogate pair. */
export function head(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The last `max` UTF-16 units of `s`, never starting inside a surrogate pair. */
export function tail(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(s.length - max);
  return /^[\udc00-\udfff]/.test(cut) ? cut.slice(1) : cut;
}

/** One line of text for a name or title: controls and runs of spaces as one space, cut. */
export function line(value: string | null | undefined, max: number): string | null {
  if (typeof value !== "string") return null;
  const s = value.replace(LONE_SURROGATE, "\ufffd").replace(CONTROLS, " ").replace(/\s+/g, " ");
  const cut = head(s.trim(), max).trim();
  return cut === "" ? null : cut;
}

export function cleanTags(raw: readonly string[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    const tag = line(value, LIMITS.tag);
    if (tag === null) continue;
    const key = normalizeTagName(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length === LIMITS.tags) break;
  }
  return tags;
}

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO 8601 date or date-time as the file gives it, normalized to UTC; refused if not one. */
export function isoDate(format: Format, value: string | undefined, path: string): string | null {
  if (value === undefined) return null;
  const time = ISO_DATE.test(value.trim()) ? Date.parse(value.trim()) : NaN;
  if (Number.isNaN(time))
    refuse(format, path, `${JSON.stringify(head(value, 40))} is not an ISO 8601 date.`);
  return new Date(time).toISOString();
}

/** A comment as the file gives it: null when blank, refused beyond 100,000 characters. */
export function comment(format: Format, value: string | null, index: number, path: string) {
  if (value === null || value.trim() === "") return null;
  if (value.length > LIMITS.comment) {
    const n = value.length.toLocaleString("en");
    refuse(
      format,
      path,
      `item ${index}'s comment is ${n} characters long; at most ${LIMITS.comment.toLocaleString("en")} are allowed.`,
    );
  }
  return value;
}

export interface Quote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** A usable quote, or why it is not (the item is then skipped, not the file refused). */
export function checkQuote(raw: Quote): Quote | string {
  // NUL and lone surrogates are in no document's text (and PostgreSQL stores no NUL).
  const quote = { exact: clean(raw.exact), prefix: clean(raw.prefix), suffix: clean(raw.suffix) };
  if (quote.exact.trim() === "") return "the quoted passage is empty";
  if (quote.exact.length > LIMITS.exact) {
    return `the quoted passage is longer than ${LIMITS.exact.toLocaleString("en")} characters`;
  }
  return {
    exact: quote.exact,
    prefix: tail(quote.prefix, LIMITS.context),
    suffix: head(quote.suffix, LIMITS.context),
  };
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function clean(value: string): string {
  return value.replace(UNSTORABLE, "");
}

/** An annotation's id in its file, as an opaque key for recognizing it again: a printable
 * string of at most 1,024 characters, else none. */
export function sourceIdOf(value: string | null | undefined): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 1024) return null;
  return /[\u0000-\u001f]/.test(value) || value !== clean(value) ? null : value;
}

export const urlOrNull = (value: string | undefined | null): string | null => {
  const url = line(value, Infinity);
  return url !== null && url.length <= LIMITS.url ? url : null;
};
