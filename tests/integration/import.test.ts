import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { POST as replyRoute } from "@/app/api/v1/annotations/[id]/replies/route";
import { GET as listRoute } from "@/app/api/v1/documents/[id]/annotations/route";
import { GET as documentExport } from "@/app/api/v1/documents/[id]/export/route";
import { POST as importRoute } from "@/app/api/v1/workspaces/[id]/import/route";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { prisma } from "@/lib/server/db";

import {
  addMember,
  makeDocument,
  makeTeam,
  makeWorkspace,
  type TestUser,
} from "../support/factories";
import { call } from "../support/http";
import { w3cMustFailures } from "../support/w3c-conformance";

// Imports through the real route: Glossa's own JSON-LD (the round trip), Hypothesis's API
// results on the real Wikipedia page they were made on, duplicates, and files that must be
// refused without changing anything.

const SEED = readFileSync("prisma/seed/csto-summit.txt", "utf8");
const HYPOTHESIS = JSON.parse(
  readFileSync("tests/fixtures/hypothesis/wikipedia-regression-testing.hypothesis.json", "utf8"),
);
const WIKIPEDIA_HTML = readFileSync(
  "tests/fixtures/hypothesis/wikipedia-regression-testing.html",
  "utf8",
);
const SOURCE = { url: "https://eurasianet.org/informal-csto-summit", publisher: "EurasiaNet" };

const doc = (...paragraphs: object[][]) => ({
  type: "doc",
  content: paragraphs.map((content) => ({ type: "paragraph", content })),
});

async function importFile(user: TestUser, workspaceId: string, file: unknown, query = "") {
  return call(importRoute, {
    method: "POST",
    url: `http://localhost/api/v1/workspaces/${workspaceId}/import${query}`,
    params: { id: workspaceId },
    body: typeof file === "string" ? file : JSON.stringify(file),
    headers: { ...user.auth, "content-type": "application/ld+json" },
  });
}

async function exportJsonLd(user: TestUser, documentId: string) {
  const response = await documentExport(
    new Request(`http://localhost/api/v1/documents/${documentId}/export?format=jsonld`, {
      headers: user.auth,
    }),
    { params: Promise.resolve({ id: documentId }) },
  );
  expect(response.status).toBe(200);
  return JSON.parse(await response.text());
}

/** What must survive a round trip: everything but ids and times. */
function comparable(collection: any) {
  const items = collection.first.items as Array<Record<string, any>>;
  const index = new Map(items.map((item, i) => [item.id, i]));
  return {
    type: collection.type,
    total: collection.total,
    items: items.map((item) => ({
      type: item.type,
      motivation: item.motivation,
      creator: item.creator?.name,
      body: item.body,
      // A reply's target is another item: compare by position in the list.
      target:
        typeof item.target === "string"
          ? `item ${index.get(item.target)}`
          : { source: item.target.source, selector: item.target.selector },
    })),
  };
}

describe("import", () => {
  it("round-trips a document through JSON-LD into a new workspace", async () => {
    const team = await makeTeam();
    const source = await makeDocument(team.workspace.id, { content: SEED, source: SOURCE });
    const first = await createAnnotation(team.member.actor, source.id, {
      target: { quote: { exact: "trial balloons", prefix: "", suffix: "" } },
      tags: ["trial balloon", "alliance friction"],
      body: doc(
        [
          { type: "text", text: "Is this " },
          { type: "text", text: "really", marks: [{ type: "bold" }] },
          { type: "text", text: " a test? See " },
          {
            type: "text",
            text: "the summit",
            marks: [{ type: "link", attrs: { href: "https://example.org/summit" } }],
          },
        ],
        [{ type: "text", text: 'Second paragraph & <angle> "quotes".' }],
      ),
      visibility: "workspace",
    });
    await createAnnotation(team.member.actor, source.id, {
      target: { quote: { exact: "CSTO", prefix: "", suffix: "" } },
      tags: [],
      visibility: "workspace",
    });
    const reply = await call(replyRoute, {
      method: "POST",
      params: { id: first.id },
      json: { body: doc([{ type: "text", text: "I doubt it." }]) },
      headers: team.member.auth,
    });
    await call(replyRoute, {
      method: "POST",
      params: { id: first.id },
      json: {
        body: doc([{ type: "text", text: "Why?" }]),
        parentId: reply.body.id,
      },
      headers: team.member.auth,
    });
    const exported = await exportJsonLd(team.member, source.id);
    expect(w3cMustFailures(exported)).toEqual([]);

    // The same article in a new workspace of the same member.
    const workspace = await makeWorkspace();
    await addMember(workspace.id, team.member.id, "owner");
    const target = await makeDocument(workspace.id, { content: SEED, source: SOURCE });
    const imported = await importFile(team.member, workspace.id, exported);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({
      format: "w3c",
      imported: 2,
      exact: 2,
      fuzzy: 0,
      orphaned: 0,
      replies: 2,
      unmatched: [],
      skipped: [],
    });
    const again = await exportJsonLd(team.member, target.id);
    expect(comparable(again)).toEqual(comparable(exported));
    expect(w3cMustFailures(again)).toEqual([]);
    // Names from the file, not Glossa users: no user IRI for them.
    expect(again.first.items[0].creator).toEqual({ type: "Person", name: "Member" });

    // Importing it again adds nothing twice; into the workspace it came from, neither.
    const twice = await importFile(team.member, workspace.id, exported);
    expect(twice.body).toMatchObject({ imported: 0, duplicates: 2 });
    const home = await importFile(team.member, team.workspace.id, exported);
    expect(home.body).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it("finds the article of a Glossa export without a source URL by the document it names", async () => {
    const team = await makeTeam(); // team.document has a title and no source URL
    const exported = await exportJsonLd(team.member, team.document.id);
    expect(exported.first.items[0].target.source).toContain(`/documents/${team.document.id}`);

    const copy = await makeWorkspace();
    await addMember(copy.id, team.member.id, "owner");
    const twin = await makeDocument(copy.id, { title: team.document.title });
    const result = await importFile(team.member, copy.id, exported);
    expect(result.body).toMatchObject({ imported: 1, documents: [{ id: twin.id }] });

    // Someone who cannot read the original learns nothing from its address.
    const stranger = await makeTeam();
    await makeDocument(stranger.workspace.id, { title: team.document.title });
    const blind = await importFile(stranger.owner, stranger.workspace.id, exported);
    expect(blind.body.imported).toBe(0);
    expect(blind.body.unmatched).toHaveLength(1);
  });

  it("places Hypothesis's annotations on the page they were made on", async () => {
    const team = await makeTeam();
    const page = await makeDocument(team.workspace.id, {
      format: "html",
      content: WIKIPEDIA_HTML,
      title: "Regression testing - Wikipedia",
      source: { url: "https://en.wikipedia.org/wiki/Regression_testing" },
    });
    const result = await importFile(team.member, team.workspace.id, HYPOTHESIS);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.format).toBe("hypothesis");
    expect(result.body.imported).toBe(5);
    expect(result.body.orphaned).toBe(0);
    const rows = await prisma.annotation.findMany({ where: { documentId: page.id } });
    const { text } = page;
    const listed = await call(listRoute, {
      url: `http://localhost/api/v1/documents/${page.id}/annotations`,
      params: { id: page.id },
      headers: team.owner.auth,
    });
    expect(
      listed.body.items.map((item: { importedAuthor: string }) => item.importedAuthor),
    ).toEqual(["mark", "mark", "mark", "mark", "mark"]);
    // The spreadsheet says who brought them in: a name from a file never passes for a member's.
    const csv = await documentExport(
      new Request(`http://localhost/api/v1/documents/${page.id}/export?format=csv`, {
        headers: team.owner.auth,
      }),
      { params: Promise.resolve({ id: page.id }) },
    );
    expect(await csv.text()).toContain("mark (imported by Member)");
    for (const row of rows) {
      expect(row.anchorStart).not.toBeNull();
      expect(text.slice(row.anchorStart!, row.anchorEnd!)).toBe(row.quoteExact);
      expect(row.importedFrom).toBe("hypothesis");
      expect(row.importedAuthor).toBe("mark");
      expect(row.authorId).toBe(team.member.id);
    }
  });

  it("reports annotations of pages the workspace does not have", async () => {
    const team = await makeTeam();
    const result = await importFile(team.member, team.workspace.id, HYPOTHESIS);
    expect(result.status).toBe(200);
    expect(result.body.imported).toBe(0);
    expect(result.body.unmatched).toEqual([
      {
        source: "https://en.wikipedia.org/wiki/Regression_testing",
        count: 5,
        reason: expect.stringContaining("no document here"),
      },
    ]);
    // Two documents of the same title: neither is guessed.
    await makeDocument(team.workspace.id, { title: "Regression testing - Wikipedia" });
    await makeDocument(team.workspace.id, { title: "Regression testing - Wikipedia" });
    const twice = await importFile(team.member, team.workspace.id, HYPOTHESIS);
    expect(twice.body.imported).toBe(0);
    expect(twice.body.unmatched[0].reason).toMatch(/^2 documents here have this title/);
  });

  it("refuses malformed, oversize and foreign files, changing nothing", async () => {
    const team = await makeTeam();
    const before = await prisma.annotation.count({ where: { documentId: team.document.id } });
    const cases: Array<[unknown, number, RegExp]> = [
      ["{not json", 400, /not valid JSON/],
      [{ hello: "world" }, 422, /W3C|Hypothesis/],
      [[], 422, /./],
      [{ total: 1, rows: [{ id: "x", target: "nope" }] }, 422, /./],
      [
        {
          "@context": "http://www.w3.org/ns/anno.jsonld",
          type: "Annotation",
          target: { source: "x", selector: { type: "TextQuoteSelector", exact: 42 } },
        },
        422,
        /./,
      ],
    ];
    for (const [file, status, message] of cases) {
      const result = await importFile(team.member, team.workspace.id, file);
      expect(result.status, JSON.stringify(result.body)).toBe(status);
      expect(result.body.error.message).toMatch(message);
    }
    const wrongType = await call(importRoute, {
      method: "POST",
      params: { id: team.workspace.id },
      body: "{}",
      headers: { ...team.member.auth, "content-type": "text/plain" },
    });
    expect(wrongType.status).toBe(415);
    const huge = await importFile(
      team.member,
      team.workspace.id,
      `{"rows": [${'"x",'.repeat(7_000_000)}"x"]}`,
    );
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
    // With an Idempotency-Key too: the body is not buffered whole to be hashed first.
    const keyed = await call(importRoute, {
      method: "POST",
      params: { id: team.workspace.id },
      body: `{"rows": [${'"x",'.repeat(7_000_000)}"x"]}`,
      headers: {
        ...team.member.auth,
        "content-type": "application/json",
        "idempotency-key": "huge-import-1",
      },
    });
    expect(keyed.status).toBe(413);
    expect(await prisma.annotation.count({ where: { documentId: team.document.id } })).toBe(before);
  });

  it("takes hostile fields without a 500: impossible dates, NUL, huge ids and positions", async () => {
    const team = await makeTeam(); // its document: "First paragraph of the article. …"
    const source = `http://localhost/documents/${team.document.id}`;
    const annotation = (id: unknown, extra: object = {}) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      id,
      target: { source, selector: { type: "TextQuoteSelector", exact: "First\u0000 paragraph" } },
      ...extra,
    });
    const file = [
      annotation("urn:ok", { created: "0000-01-01", modified: "1980-01-01" }),
      annotation(`urn:${"x".repeat(3_000)}`),
      annotation("urn:nul\u0000id"),
    ];
    const result = await importFile(team.member, team.workspace.id, file);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ imported: 3, exact: 3 });
    const rows = await prisma.annotation.findMany({
      where: { documentId: team.document.id, importedFrom: "w3c" },
    });
    for (const row of rows) {
      expect(row.quoteExact).toBe("First paragraph");
      expect(row.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000); // not year 0
      expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
    }
    expect(rows.map((row) => row.importedId).sort()).toEqual([null, null, "urn:ok"]);
    const far = await importFile(team.member, team.workspace.id, [
      annotation("urn:far", {
        target: {
          source,
          selector: [
            { type: "TextQuoteSelector", exact: "First paragraph" },
            { type: "TextPositionSelector", start: 3_000_000_000, end: 3_000_000_010 },
          ],
        },
      }),
    ]);
    expect(far.status).toBe(422);
  });

  it("is not blocked, nor told anything, by another member's private copy", async () => {
    const team = await makeTeam();
    const file = {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      id: "urn:shared-file-1",
      target: {
        source: `http://localhost/documents/${team.document.id}`,
        selector: { type: "TextQuoteSelector", exact: "First paragraph" },
      },
    };
    const mine = await importFile(team.author, team.workspace.id, file, "?visibility=private");
    expect(mine.body).toMatchObject({ imported: 1 });
    const theirs = await importFile(team.member, team.workspace.id, file);
    expect(theirs.body).toMatchObject({ imported: 1, duplicates: 0 });
    const again = await importFile(team.member, team.workspace.id, [file, file]);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it("imports nothing into a workspace the importer does not belong to", async () => {
    const team = await makeTeam();
    const result = await importFile(team.outsider, team.workspace.id, HYPOTHESIS);
    expect(result.status).toBe(404);
  });
});
