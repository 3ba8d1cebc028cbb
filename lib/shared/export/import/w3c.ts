import { z } from "zod";

import type { RawItem } from "./assemble";
import {
  LIMITS,
  checkQuote,
  cleanTags,
  comment,
  isObject,
  isoDate,
  line,
  own,
  read,
  refuse,
  terms,
  sourceIdOf,
  urlOrNull,
} from "./fields";
import { readSelectors } from "./selectors";

// One W3C Web Annotation (https://www.w3.org/TR/annotation-model/) in JSON-LD, as its
// examples write it: `type` and `motivation` one term or several, bodies embedded
// (TextualBody) or linked (ignored), targets a SpecificResource with selectors, an IRI (no
// passage: skipped), or a list of either. An annotation motivated by "replying" answers the
// annotation its target names.

const W3C = "w3c";
const terms_ = z.union([z.string(), z.array(z.string())]).optional();
const agent = z.union([
  z.string(),
  z.object({ name: z.string().optional(), nickname: z.string().optional() }),
]);

const annotationSchema = z.object({
  id: z.string().optional(),
  "@id": z.string().optional(),
  type: terms_,
  "@type": terms_,
  motivation: terms_,
  bodyValue: z.string().optional(),
  creator: z.union([agent, z.array(agent)]).optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
});

const bodySchema = z.object({
  type: terms_,
  value: z.string().optional(),
  format: z.string().optional(),
  purpose: terms_,
  items: z.array(z.unknown()).optional(),
});

const sourceSchema = z.union([
  z.string(),
  z.object({ id: z.string().optional(), title: z.string().optional() }),
]);
const targetSchema = z.object({
  id: z.string().optional(),
  source: sourceSchema.optional(),
  title: z.string().optional(),
});

/** A value with markup in it, when the file does not say what format it is. */
const MARKUP =
  /<\/?(?:p|br|div|span|a|b|i|em|strong|s|del|code|pre|ul|ol|li|blockquote|h[1-6])\b[^>]*>/i;

interface Bodies {
  tags: string[];
  html: string[];
  text: string[];
}

function readBodies(raw: unknown, path: string, tagging: boolean, into: Bodies, depth = 0): void {
  if (raw === undefined || raw === null) return;
  const list = Array.isArray(raw) ? raw : [raw];
  list.forEach((value: unknown, i) => {
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    // A body given as an IRI is a resource elsewhere: nothing to read here.
    if (typeof value === "string") return;
    const body = read(W3C, bodySchema, value, at);
    if (terms(body.type).includes("Choice") && body.items && depth < 4) {
      // Alternatives of the same body (languages, formats): the first one is kept.
      readBodies(body.items[0], `${at}.items[0]`, tagging, into, depth + 1);
      return;
    }
    if (body.value === undefined) return;
    const purposes = terms(body.purpose);
    const format = body.format?.trim().toLowerCase() ?? null;
    if (purposes.includes("tagging") || (tagging && purposes.length === 0)) {
      into.tags.push(body.value);
    } else if (format === null ? MARKUP.test(body.value) : /html/.test(format)) {
      into.html.push(body.value);
    } else {
      into.text.push(body.value);
    }
  });
}

function creatorName(creator: z.infer<typeof annotationSchema>["creator"]): string | null {
  const first = Array.isArray(creator) ? creator[0] : creator;
  if (first === undefined) return null;
  if (typeof first === "string") return line(first.replace(/^acct:([^@]+)@.*$/, "$1"), LIMITS.name);
  return line(first.name ?? first.nickname, LIMITS.name);
}

/** The ids a reply's target may name: an IRI, or an object's id or source. */
function replyTargets(target: unknown): string[] {
  const ids: string[] = [];
  for (const t of Array.isArray(target) ? target : [target]) {
    if (typeof t === "string") ids.push(t);
    else if (isObject(t)) {
      for (const key of ["id", "@id", "source"]) {
        const value = Object.hasOwn(t, key) ? t[key] : undefined;
        if (typeof value === "string") ids.push(value);
        else if (isObject(value) && typeof value.id === "string") ids.push(value.id);
      }
    }
  }
  return ids;
}

type Passage =
  | { url: string | null; title: string | null; selected: ReturnType<typeof readSelectors> }
  | { reason: string };

function readTarget(raw: unknown, path: string): Passage {
  const list = Array.isArray(raw) ? raw : [raw];
  let reason = "it targets a whole page, not a quoted passage (no TextQuoteSelector)";
  for (let i = 0; i < list.length; i++) {
    const value: unknown = list[i];
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    if (typeof value === "string") continue;
    const target = read(W3C, targetSchema, value, at);
    const selector = own(value, "selector");
    const selected = readSelectors(W3C, selector, `${at}.selector`);
    if (!selected.quote) {
      if (selector !== undefined) reason = "no quoted passage (TextQuoteSelector)";
      continue;
    }
    const source = target.source;
    const url = typeof source === "string" ? source : (source?.id ?? target.id);
    const title = (typeof source === "object" ? source.title : undefined) ?? target.title;
    return { url: urlOrNull(url), title: line(title, LIMITS.title), selected };
  }
  return { reason };
}

export function readW3cItem(value: unknown, path: string, index: number): RawItem {
  if (typeof value === "string") {
    return {
      kind: "skip",
      index,
      sourceId: value,
      reason: "the annotation is only linked, not included in the file",
    };
  }
  const a = read(W3C, annotationSchema, value, path);
  const kinds = terms(a.type ?? a["@type"]);
  if (kinds.length > 0 && !kinds.includes("Annotation")) {
    refuse(
      W3C,
      `${path}.type`,
      `expected an Annotation, found ${JSON.stringify(kinds.join(", "))}.`,
    );
  }
  const raw = value as Record<string, unknown>;
  if (!Object.hasOwn(raw, "target") || raw.target === null) {
    refuse(W3C, `${path}.target`, "every annotation needs a target.");
  }
  const motivations = terms(a.motivation);
  const bodies: Bodies = { tags: [], html: [], text: [] };
  readBodies(own(raw, "body"), `${path}.body`, motivations.includes("tagging"), bodies);
  if (a.bodyValue !== undefined) {
    (motivations.includes("tagging") ? bodies.tags : bodies.text).push(a.bodyValue);
  }
  const joinedHtml =
    bodies.html.length > 1 ? bodies.html.map((h) => `<div>${h}</div>`).join("") : bodies.html[0];
  const html = comment(W3C, joinedHtml ?? null, index, `${path}.body`);
  const text =
    html === null ? comment(W3C, bodies.text.join("\n\n") || null, index, `${path}.body`) : null;
  const sourceId = sourceIdOf(a.id ?? a["@id"]);
  const creator = creatorName(a.creator);
  const created = isoDate(W3C, a.created, `${path}.created`);

  if (motivations.includes("replying")) {
    const reply = { sourceId, creatorName: creator, created, html, text };
    return { kind: "reply", index, sourceId, parents: replyTargets(raw.target), reply };
  }
  const passage = readTarget(raw.target, `${path}.target`);
  if ("reason" in passage) return { kind: "skip", index, sourceId, reason: passage.reason };
  const quote = checkQuote(passage.selected.quote!);
  if (typeof quote === "string") return { kind: "skip", index, sourceId, reason: quote };
  return {
    kind: "annotation",
    index,
    annotation: {
      sourceId,
      source: { url: passage.url, title: passage.title },
      quote,
      position: passage.selected.position,
      tags: cleanTags(bodies.tags),
      html,
      text,
      creatorName: creator,
      created,
      modified: isoDate(W3C, a.modified, `${path}.modified`),
      replies: [],
    },
  };
}
