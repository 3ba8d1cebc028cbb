import { z } from "zod";

import { type RawItem, assemble } from "./assemble";
import { type Format, LIMITS, isObject, joinPath, own, read, refuse, terms } from "./fields";
import { looksLikeHypothesis, readHypothesisItem } from "./hypothesis";
import type { ParsedImport } from "./types";
import { readW3cItem } from "./w3c";

// Reads a file of annotations made in another tool (already JSON.parse'd: the caller limits
// its size) and says what it holds, in Glossa's terms, or throws an ImportFormatError whose
// message a person can act on. Accepted:
//   W3C Web Annotation JSON-LD: an AnnotationCollection whose pages are embedded (`first`,
//     then `next`…), an AnnotationPage, one Annotation, or a JSON array of Annotations;
//   Hypothesis: its client's export file ({export_date, …, annotations: […]}), its API's
//     search results ({total, rows: […]}, with `replies` when asked for separately), one
//     annotation of either, or an array of them.
// Nothing here touches a document or the database: anchoring and storing are the server's.

export { ImportFormatError } from "./fields";
export type { ImportedAnnotation, ImportedReply, ParsedImport } from "./types";

interface Item {
  value: unknown;
  path: string;
}

const MAX_ITEMS = LIMITS.annotations + LIMITS.replies;
const list = z.array(z.unknown());
const termList = z.union([z.string(), z.array(z.string())]);

export function parseImport(json: unknown): ParsedImport {
  const { format, items } = collect(json);
  if (items.length === 0) refuse(format, "", "it holds no annotations.");
  const readItem = format === "w3c" ? readW3cItem : readHypothesisItem;
  const raw: RawItem[] = items.map((item, index) => readItem(item.value, item.path, index));
  return assemble(format, raw);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function checkCount(format: Format, count: number, path: string): void {
  if (count <= MAX_ITEMS) return;
  const max = `${LIMITS.annotations.toLocaleString("en")} annotations and ${LIMITS.replies.toLocaleString("en")} replies`;
  refuse(
    format,
    path,
    `it holds more than ${MAX_ITEMS.toLocaleString("en")} items; at most ${max} can be imported at once.`,
  );
}

function itemsOf(format: Format, value: unknown, path: string): Item[] {
  const values = read(format, list, value, path);
  checkCount(format, values.length, path);
  return values.map((v, i) => ({ value: v, path: `${path}[${i}]` }));
}

function collect(json: unknown): { format: Format; items: Item[] } {
  if (json === undefined || json === null || json === "") refuse(null, "", "the file is empty.");
  if (Array.isArray(json)) {
    if (json.length === 0) refuse(null, "", "it is an empty list, with no annotations in it.");
    const format = looksLikeHypothesis(json[0]) ? "hypothesis" : "w3c";
    checkCount(format, json.length, "");
    return { format, items: json.map((value: unknown, i) => ({ value, path: `[${i}]` })) };
  }
  if (!isObject(json))
    refuse(null, "", `expected a JSON object or array, found ${describe(json)}.`);

  const annotations = own(json, "annotations");
  if (annotations !== undefined) {
    return { format: "hypothesis", items: itemsOf("hypothesis", annotations, "annotations") };
  }
  const rows = own(json, "rows");
  if (rows !== undefined) {
    const items = itemsOf("hypothesis", rows, "rows");
    const replies = own(json, "replies");
    if (replies !== undefined) items.push(...itemsOf("hypothesis", replies, "replies"));
    checkCount("hypothesis", items.length, "");
    return { format: "hypothesis", items };
  }

  const type = termList.safeParse(own(json, "type") ?? own(json, "@type"));
  const kinds = type.success ? terms(type.data) : [];
  if (kinds.includes("AnnotationCollection")) return { format: "w3c", items: collection(json) };
  if (kinds.includes("AnnotationPage")) return { format: "w3c", items: pages(json, "", null) };
  if (
    kinds.includes("Annotation") ||
    (own(json, "target") !== undefined && own(json, "@context") !== undefined)
  ) {
    return { format: "w3c", items: [{ value: json, path: "" }] };
  }
  if (looksLikeHypothesis(json))
    return { format: "hypothesis", items: [{ value: json, path: "" }] };
  const what = kinds.length
    ? `its type ${JSON.stringify(kinds.join(", "))} is none of AnnotationCollection, AnnotationPage or Annotation`
    : 'expected an AnnotationCollection, an AnnotationPage, an Annotation or a list of them (W3C), or {"annotations": […]} or {"rows": […]} (Hypothesis)';
  refuse(null, "", `${what}.`);
}

function collection(json: Record<string, unknown>): Item[] {
  const first = own(json, "first");
  const total = own(json, "total");
  const expected = typeof total === "number" ? total : null;
  if (first === undefined) {
    // Not the model's shape, but unambiguous: the items inline in the collection.
    if (own(json, "items") !== undefined) return pages(json, "", expected);
    if (expected === 0) refuse("w3c", "", "the collection is empty (its total is 0).");
    refuse("w3c", "first", "the collection has no first page.");
  }
  if (typeof first === "string") {
    refuse(
      "w3c",
      "first",
      "the collection's pages are only linked, not in the file: export it with its pages embedded.",
    );
  }
  return pages(first, "first", expected);
}

/** The items of a page and of the pages embedded after it (`next`), in order. */
function pages(page: unknown, path: string, total: number | null): Item[] {
  const items: Item[] = [];
  const seen = new Set<object>();
  let at = path;
  for (let p = page; isObject(p) && !seen.has(p); at = joinPath(at, ["next"])) {
    seen.add(p);
    const itemsPath = joinPath(at, ["items"]);
    read("w3c", list, own(p, "items"), itemsPath).forEach((value: unknown, i) => {
      items.push({ value, path: `${itemsPath}[${i}]` });
    });
    checkCount("w3c", items.length, itemsPath);
    const next = own(p, "next");
    if (typeof next === "string" && total !== null && items.length < total) {
      refuse(
        "w3c",
        joinPath(at, ["next"]),
        `only ${items.length.toLocaleString("en")} of the collection's ${total.toLocaleString("en")} annotations are in the file; the next pages are only linked: export it with its pages embedded.`,
      );
    }
    p = next;
  }
  return items;
}
