// Annotations as one W3C Web Annotation AnnotationCollection (https://www.w3.org/TR/annotation-model/),
// JSON-LD with the anno.jsonld context, streamed: the collection's head is written first, then
// each annotation (and its replies) as one line of the embedded first AnnotationPage's items,
// then the closing brackets. Checked against the W3C test suite's MUST assertions in
// jsonld.test.ts (tests/fixtures/w3c-web-annotation-tests).
//
// Shape and the choices behind it:
// - An annotation is { id, type, motivation, created, modified, creator, body?, target }. Its id
//   is its URL in Glossa's reader; its creator a Person with an IRI under the base URL.
// - body: one TextualBody with purpose "tagging" per tag, and the comment as a TextualBody with
//   purpose "commenting", value = the server's safe HTML, format "text/html". A bare highlight
//   has no body at all (the model allows that; an empty body array it does not).
// - motivation: "commenting" with a comment, else "highlighting" (tags are bodies' purposes).
// - target: a SpecificResource (no "type": it is optional) on the article's source URL when it
//   has one (an absolute http(s) URL: the suite demands `source` be a URI), else the document in
//   Glossa; a TextQuoteSelector, plus a TextPositionSelector when the annotation is anchored
//   (an orphaned one has no position: TextPositionSelector's start and end are required); and a
//   TimeState naming the revision the positions count in, cached = that revision in Glossa's API.
// - Status (open/resolved), visibility and tag colours are left out: the anno.jsonld context
//   defines no term for them, and an undefined key is silently dropped by JSON-LD processing.
// - Replies (meta.withReplies) are Annotations of their own, right after the annotation they
//   belong to: motivation "replying", target = the IRI of what they answer (the annotation or
//   the parent reply), id = the reply's place in the reader (…/documents/{id}#reply-{replyId}).
// - Embedded items carry no "@context" of their own: they inherit the collection's.
// - total is meta.total: the server passes the number of annotations the export matched plus
//   the replies they carry when replies are exported (counted in the same snapshot), so it is
//   the number of items on the page, as the model means it.
// - One page, embedded as "first" (the model lets first be the page itself); its id is the
//   collection's id with the fragment #page1. With total 0 it is still written, items empty.

import type { ExportAnnotation, ExportMeta, ExportReply } from "./types";

export const JSONLD_CONTENT_TYPE =
  'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

const CONTEXT = "http://www.w3.org/ns/anno.jsonld";

export async function* formatJsonLd(
  meta: ExportMeta,
  items: AsyncIterable<ExportAnnotation>,
): AsyncGenerator<string> {
  const pageId = `${meta.selfUrl.split("#")[0]}#page1`;
  const head = [
    `"@context": ${JSON.stringify(CONTEXT)}`,
    `"id": ${JSON.stringify(meta.selfUrl)}`,
    `"type": "AnnotationCollection"`,
    `"label": ${JSON.stringify(meta.title)}`,
    `"total": ${JSON.stringify(meta.total)}`,
    `"generated": ${JSON.stringify(meta.generatedAt)}`,
    `"generator": ${JSON.stringify({ id: meta.baseUrl, type: "Software", name: "Glossa" })}`,
  ];
  yield (
    `{\n  ${head.join(",\n  ")},\n  "first": {\n` +
    `    "id": ${JSON.stringify(pageId)},\n    "type": "AnnotationPage",\n    "startIndex": 0,\n` +
    `    "items": [`
  );

  let first = true;
  for await (const a of items) {
    let chunk = "";
    for (const item of annotationItems(meta, a)) {
      chunk += `${first ? "\n" : ",\n"}      ${JSON.stringify(item)}`;
      first = false;
    }
    yield chunk;
  }
  yield `${first ? "" : "\n    "}]\n  }\n}\n`;
}

/** The annotation, then (when replies are exported) each of its replies. */
function annotationItems(meta: ExportMeta, a: ExportAnnotation): object[] {
  const out: object[] = [annotationJson(meta, a)];
  if (meta.withReplies) {
    for (const reply of a.replies) {
      const parent = reply.parentId === null ? a.url : replyIri(a, reply.parentId);
      out.push(replyJson(meta, a, reply, parent));
    }
  }
  return out;
}

function annotationJson(meta: ExportMeta, a: ExportAnnotation): object {
  const body: object[] = a.tags.map((tag) => ({
    type: "TextualBody",
    purpose: "tagging",
    value: tag.name,
  }));
  const hasComment = a.bodyHtml !== null && a.bodyHtml !== "";
  if (hasComment) {
    body.push({
      type: "TextualBody",
      purpose: "commenting",
      value: a.bodyHtml,
      format: "text/html",
    });
  }

  const doc = a.document;
  const selector: object[] = [
    {
      type: "TextQuoteSelector",
      exact: a.quote.exact,
      prefix: a.quote.prefix,
      suffix: a.quote.suffix,
    },
  ];
  if (a.position) {
    selector.push({ type: "TextPositionSelector", start: a.position.start, end: a.position.end });
  }
  const source = doc.sourceUrl && /^https?:\/\/\S+$/i.test(doc.sourceUrl) ? doc.sourceUrl : doc.url;

  return {
    id: a.url,
    type: "Annotation",
    motivation: hasComment ? "commenting" : "highlighting",
    created: a.createdAt,
    modified: a.updatedAt,
    creator: person(meta, a.author),
    ...(body.length ? { body } : {}),
    target: {
      source,
      selector,
      state: {
        type: "TimeState",
        sourceDate: doc.revisionCreatedAt,
        cached: `${meta.baseUrl}/api/v1/documents/${encodeURIComponent(doc.id)}?revision=${doc.revisionNumber}`,
      },
    },
  };
}

function replyJson(
  meta: ExportMeta,
  annotation: ExportAnnotation,
  reply: ExportReply,
  target: string,
): object {
  return {
    id: replyIri(annotation, reply.id),
    type: "Annotation",
    motivation: "replying",
    created: reply.createdAt,
    ...(reply.editedAt ? { modified: reply.editedAt } : {}),
    creator: person(meta, reply.author),
    body: { type: "TextualBody", value: reply.bodyHtml, format: "text/html" },
    target,
  };
}

/** A reply's IRI: its place in the document's reader (the annotation's URL names the document). */
function replyIri(annotation: ExportAnnotation, replyId: string): string {
  return `${annotation.url.replace(/#.*$/, "")}#reply-${encodeURIComponent(replyId)}`;
}

/** A creator: a Glossa user by IRI; someone from another tool (imported, id "") by name only. */
function person(meta: ExportMeta, user: { id: string; name: string }): object {
  return {
    ...(user.id ? { id: `${meta.baseUrl}/users/${encodeURIComponent(user.id)}` } : {}),
    type: "Person",
    name: user.name,
  };
}
