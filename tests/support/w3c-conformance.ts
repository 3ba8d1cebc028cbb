import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import Ajv, { type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";

// The W3C Web Annotation test suite's MUST assertions, run as plain JSON Schema (draft-04).
//
// The suite (tests/fixtures/w3c-web-annotation-tests, a copy of github.com/w3c/web-annotation-tests)
// expresses each assertion as one schema file with "assertionType" (must/should/may) and
// "expectedResult": "valid": an instance PASSES the assertion when it validates against the
// schema. Most are "fail only if the property is present and wrong" (e.g. `created`, if present,
// is one xsd:dateTime); a few demand a key (`id`, `type`, `target`, `@context`).
// annotations/annotationMusts.test and collections/collectionMusts.test list the MUST
// assertions for one Annotation and for one AnnotationCollection.
//
// References: assertion and definition files carry bare relative ids ("3.1-...json",
// "annotations.json", "id.json", ...) whatever folder they sit in, and `$ref` each other as
// "id.json#/definitions/stringUri". Relative ids resolve against each other's bare names, so
// registering the seven definitions/ files under their own ids lets every assertion compile.
// The suite's extra keywords (assertionType, errorMessage, ...) are registered as annotations.
//
// Embedded annotations: items of an AnnotationPage inherit the collection's "@context" (JSON-LD),
// and the suite's own collection sample (tools/samples/correct/collection1.json) writes them
// without one; the annotation MUST 3.1-annotationContextValidated, written for a standalone
// annotation, demands it. `w3cMustFailures` therefore checks each item with the collection's
// @context filled in when the item has none, exactly as a JSON-LD processor would read it.

export const W3C_SUITE_DIR = new URL("../fixtures/w3c-web-annotation-tests/", import.meta.url)
  .pathname;

export interface Assertion {
  /** Path in the suite, e.g. "annotations/3.1-annotationIdValidated.json". */
  path: string;
  title: string;
  errorMessage: string;
  validate: ValidateFunction;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(W3C_SUITE_DIR, path), "utf8")) as Record<string, unknown>;
}

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addVocabulary(["assertionType", "expectedResult", "onUnexpectedResult", "errorMessage"]);
  for (const file of readdirSync(join(W3C_SUITE_DIR, "definitions"))) {
    if (file.endsWith(".json")) ajv.addSchema(readJson(`definitions/${file}`));
  }
  return ajv;
}

function loadList(ajv: Ajv, testFile: string): Assertion[] {
  const list = readJson(testFile).assertions as string[];
  return list.map((path) => {
    const schema = readJson(path);
    if (schema.assertionType !== "must" || schema.expectedResult !== "valid") {
      throw new Error(`${path}: expected a MUST assertion that an instance validates against`);
    }
    return {
      path,
      title: String(schema.title),
      errorMessage: String(schema.errorMessage),
      validate: ajv.compile(schema),
    };
  });
}

let cache: { annotation: Assertion[]; collection: Assertion[] } | undefined;

/** The MUST assertions of annotationMusts.test and collectionMusts.test, compiled once. */
export function w3cMustAssertions(): { annotation: Assertion[]; collection: Assertion[] } {
  if (!cache) {
    const ajv = createAjv();
    cache = {
      annotation: loadList(ajv, "annotations/annotationMusts.test"),
      collection: loadList(ajv, "collections/collectionMusts.test"),
    };
  }
  return cache;
}

/** The assertions `instance` fails, as "path: message" lines (empty when all pass). */
export function failedAssertions(assertions: Assertion[], instance: unknown): string[] {
  const failures: string[] = [];
  for (const a of assertions) {
    if (!a.validate(instance)) {
      const detail = (a.validate.errors ?? [])
        .slice(0, 3)
        .map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`)
        .join("; ");
      failures.push(`${a.path}: ${a.errorMessage} (${detail})`);
    }
  }
  return failures;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Every W3C MUST failure of an exported AnnotationCollection: the collection against the
 * collection MUSTs, then each item of its first page (annotations and replies alike) against the
 * annotation MUSTs. Empty when everything passes; otherwise lines like
 * "collection: collections/5.1-...json: message" or "item 3: annotations/3.1-...json: message".
 */
export function w3cMustFailures(collectionJson: unknown): string[] {
  const { annotation, collection } = w3cMustAssertions();
  const failures = failedAssertions(collection, collectionJson).map((f) => `collection: ${f}`);
  if (!isRecord(collectionJson)) return [...failures, "collection: not a JSON object"];

  const first = collectionJson.first;
  if (!isRecord(first) || !Array.isArray(first.items)) {
    const total = collectionJson.total;
    return typeof total === "number" && total > 0
      ? [...failures, "collection: first is not an embedded AnnotationPage with items"]
      : failures;
  }
  first.items.forEach((item: unknown, index: number) => {
    const instance =
      isRecord(item) && !("@context" in item)
        ? { "@context": collectionJson["@context"], ...item }
        : item;
    for (const f of failedAssertions(annotation, instance)) failures.push(`item ${index}: ${f}`);
  });
  return failures;
}
