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
  sourceIdOf,
  urlOrNull,
} from "./fields";
import { readSelectors } from "./selectors";

// One annotation as Hypothesis gives it, the same in its API's search results
// ({total, rows}) and in its client's export file ({export_date, export_userid,
// client_version, annotations}: hypothesis/client src/sidebar/services/annotations-exporter
// writes the API objects, less the client's "$" properties). A reply lists its ancestors'
// ids in `references`, the thread's annotation first; a page note has no selector.
// Moderation fields (hidden, flagged, moderation) are ignored.

const HYPOTHESIS = "hypothesis";

const hypothesisSchema = z.object({
  id: z.string().optional(),
  user: z.string().optional(),
  user_info: z.object({ display_name: z.string().nullish() }).nullish(),
  text: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  uri: z.string().nullish(),
  // The API gives a list of titles; the client's types say one string: both are read.
  document: z.object({ title: z.union([z.string(), z.array(z.string())]).nullish() }).nullish(),
  target: z
    .array(z.object({ source: z.string().nullish(), selector: z.array(z.unknown()).nullish() }))
    .nullish(),
  created: z.string().optional(),
  updated: z.string().optional(),
  references: z.array(z.string()).nullish(),
});

/** "acct:mark@hypothes.is" → "mark". */
function userName(user: string | undefined): string | null {
  if (user === undefined) return null;
  return line(/^acct:([^@]+)@/.exec(user)?.[1] ?? user, LIMITS.name);
}

export function readHypothesisItem(value: unknown, path: string, index: number): RawItem {
  const a = read(HYPOTHESIS, hypothesisSchema, value, path);
  const sourceId = sourceIdOf(a.id);
  const creatorName = line(a.user_info?.display_name, LIMITS.name) ?? userName(a.user);
  const created = isoDate(HYPOTHESIS, a.created, `${path}.created`);
  const text = comment(HYPOTHESIS, a.text ?? null, index, `${path}.text`);

  const references = a.references ?? [];
  if (references.length > 0) {
    // Nearest ancestor first: the last reference is the reply's parent.
    const parents = [...references].reverse();
    const reply = { sourceId, creatorName, created, html: null, text };
    return { kind: "reply", index, sourceId, parents, reply };
  }

  const targets = a.target ?? [];
  if (!targets.some((t) => t.selector && t.selector.length > 0)) {
    return { kind: "skip", index, sourceId, reason: "a page note has no passage" };
  }
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    const selected = readSelectors(HYPOTHESIS, target.selector, `${path}.target[${i}].selector`);
    if (!selected.quote) continue;
    const quote = checkQuote(selected.quote);
    if (typeof quote === "string") return { kind: "skip", index, sourceId, reason: quote };
    const title = a.document?.title;
    return {
      kind: "annotation",
      index,
      annotation: {
        sourceId,
        source: {
          url: urlOrNull(a.uri ?? target.source),
          title: line(Array.isArray(title) ? title.find((t) => t.trim()) : title, LIMITS.title),
        },
        quote,
        position: selected.position,
        tags: cleanTags(a.tags ?? []),
        html: null,
        text,
        creatorName,
        created,
        modified: isoDate(HYPOTHESIS, a.updated, `${path}.updated`),
        replies: [],
      },
    };
  }
  return { kind: "skip", index, sourceId, reason: "no quoted passage (TextQuoteSelector)" };
}

/** Whether a JSON value looks like one Hypothesis annotation (not a W3C one). */
export function looksLikeHypothesis(value: unknown): boolean {
  if (!isObject(value) || Object.hasOwn(value, "type") || Object.hasOwn(value, "@context")) {
    return false;
  }
  const target = own(value, "target");
  return (
    typeof own(value, "user") === "string" &&
    (Array.isArray(target) || typeof own(value, "uri") === "string")
  );
}
