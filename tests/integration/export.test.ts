import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";

import { GET as documentExport } from "@/app/api/v1/documents/[id]/export/route";
import { GET as documentCount } from "@/app/api/v1/documents/[id]/export/count/route";
import { GET as listRoute } from "@/app/api/v1/documents/[id]/annotations/route";
import { POST as replyRoute } from "@/app/api/v1/annotations/[id]/replies/route";
import { GET as workspaceExport } from "@/app/api/v1/workspaces/[id]/export/route";
import { createAnnotation } from "@/lib/server/annotations/create-annotation";
import { prisma } from "@/lib/server/db";
import { exportSql } from "@/lib/server/db/sql";

import { addMember, makeDocument, makeTeam, type Team, type TestUser } from "../support/factories";
import { parseCsv } from "../support/csv";
import { call } from "../support/http";
import { w3cMustFailures } from "../support/w3c-conformance";

// Exports through the real route handlers: what each member gets (never another member's
// private annotations, never another workspace's), the filters (the same rows the list API
// gives for the same filters), formula cells neutralized, W3C conformance of the JSON-LD, the
// Word file, and a stream cancelled halfway giving its connection back.

const doc = (text: string, marks: Array<{ type: string; attrs?: object }> = []) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text, marks }] }],
});

async function exportOf(
  user: TestUser,
  id: string,
  query: string,
  handler = documentExport,
): Promise<{ status: number; text: string; headers: Headers; body: any }> {
  const response = await handler(
    new Request(`http://localhost/api/v1/x/${id}/export?${query}`, { headers: user.auth }),
    { params: Promise.resolve({ id }) },
  );
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, text, headers: response.headers, body };
}

/** A team whose document holds, besides the author's "Second paragraph" (trial balloon): the
 * member's private highlight, the moderator's resolved comment, a hostile tagged one. */
async function richTeam(): Promise<Team & { ids: Record<string, string> }> {
  const team = await makeTeam();
  const privateOne = await createAnnotation(team.member.actor, team.document.id, {
    target: { quote: { exact: "First paragraph", prefix: "", suffix: "" } },
    tags: ["secret tag"],
    visibility: "private",
  });
  const resolved = await createAnnotation(team.moderator.actor, team.document.id, {
    target: { quote: { exact: "more words", prefix: "", suffix: "" } },
    tags: ["alliance friction"],
    body: doc("Bold claim", [{ type: "bold" }]),
    visibility: "workspace",
  });
  await prisma.annotation.update({ where: { id: resolved.id }, data: { status: "resolved" } });
  const hostile = await createAnnotation(team.owner.actor, team.document.id, {
    target: { quote: { exact: "the article", prefix: "", suffix: "" } },
    tags: ["=cmd|' /C calc'!A0", "trial balloon"],
    body: doc('=HYPERLINK("http://evil.example","click")'),
    visibility: "workspace",
  });
  await call(replyRoute, {
    method: "POST",
    params: { id: team.annotation.id },
    json: { body: doc("@SUM(1+1) is a reply") },
    headers: team.moderator.auth,
  });
  return {
    ...team,
    ids: {
      author: team.annotation.id,
      private: privateOne.id,
      resolved: resolved.id,
      hostile: hostile.id,
    },
  };
}

function csvRows(text: string): string[][] {
  return parseCsv(text.replace(/^\uFEFF/, "")).filter((row) => row.join("") !== "");
}

function idsInCsv(text: string): string[] {
  const [header, ...rows] = csvRows(text);
  const link = header!.indexOf("link");
  return rows.map((row) => row[link]!.split("#annotation-")[1]!);
}

/** A document of 400 paragraphs with `count` annotations on it, written straight to the table. */
async function manyAnnotations(team: Team, count: number) {
  const document = await makeDocument(team.workspace.id, {
    content: Array.from({ length: 400 }, (_, i) => `Paragraph number ${i} of a long text.`).join(
      "\n",
    ),
  });
  const rows = Array.from({ length: count }, (_, i) => {
    const exact = `Paragraph number ${i % 400}`;
    const start = document.text.indexOf(`${exact} `);
    return {
      id: `bulk${i}x${document.id}`,
      documentId: document.id,
      authorId: team.author.id,
      revisionId: document.revisionId,
      anchorRevisionId: document.revisionId,
      quoteExact: exact,
      positionStart: start,
      positionEnd: start + exact.length,
      anchorStart: start,
      anchorEnd: start + exact.length,
    };
  });
  await prisma.annotation.createMany({ data: rows });
  return { document, ids: rows.map((row) => row.id) };
}

describe("export", () => {
  it("gives each member what they can read, and nothing of another workspace", async () => {
    const team = await richTeam();
    const other = await makeTeam(); // another workspace: its annotation must never appear
    await addMember(other.workspace.id, team.member.id);

    const byMember = await exportOf(team.member, team.document.id, "format=csv");
    expect(byMember.status).toBe(200);
    expect(byMember.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(byMember.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.csv"/);
    expect(new Set(idsInCsv(byMember.text))).toEqual(new Set(Object.values(team.ids)));

    const byAuthor = await exportOf(team.author, team.document.id, "format=csv");
    expect(idsInCsv(byAuthor.text)).not.toContain(team.ids.private);
    expect(byAuthor.text).not.toContain("secret tag");

    const workspaceWide = await exportOf(
      team.author,
      team.workspace.id,
      "format=jsonld",
      workspaceExport,
    );
    expect(workspaceWide.status).toBe(200);
    expect(workspaceWide.text).not.toContain(team.ids.private);
    expect(workspaceWide.text).not.toContain(other.annotation.id);
    expect(workspaceWide.text).toContain(team.ids.author);

    // Private ones left out on request; outsiders get 404 and no body.
    const noPrivate = await exportOf(team.member, team.document.id, "format=csv&private=false");
    expect(idsInCsv(noPrivate.text)).not.toContain(team.ids.private);
    const outsider = await exportOf(team.outsider, team.document.id, "format=csv");
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe("not_found");
    // A document of the other workspace through this member: 404 unless they belong.
    const foreign = await exportOf(team.author, other.document.id, "format=csv");
    expect(foreign.status).toBe(404);
  });

  it("neutralizes cells a spreadsheet would run as formulas", async () => {
    const team = await richTeam();
    const { text } = await exportOf(team.member, team.document.id, "format=csv&replies=true");
    const [header, ...rows] = csvRows(text);
    const hostile = rows.find((row) => row.some((cell) => cell.includes("HYPERLINK")))!;
    expect(hostile[header!.indexOf("comment")]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(hostile[header!.indexOf("tags")]).toContain("'=cmd");
    for (const row of rows)
      for (const cell of row)
        expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("exports the rows the list API gives for the same filters, for every role", async () => {
    const team = await richTeam();
    const filters = [
      "",
      "tag=trial%20balloon",
      "tag=alliance%20friction,trial%20balloon",
      `author=${team.moderator.id}`,
      "status=resolved",
      "status=open",
      "mine=true",
      "q=paragraph",
      "q=reply",
    ];
    for (const user of [team.owner, team.moderator, team.member, team.author]) {
      for (const filter of filters) {
        const listed = await call(listRoute, {
          url: `http://localhost/api/v1/documents/${team.document.id}/annotations?limit=500&${filter}`,
          params: { id: team.document.id },
          headers: user.auth,
        });
        const exported = await exportOf(user, team.document.id, `format=csv&${filter}`);
        expect(idsInCsv(exported.text), `${filter} as ${user.name}`).toEqual(
          listed.body.items.map((item: { id: string }) => item.id),
        );
      }
    }
  });

  it("filters by the date range, inclusively by day", async () => {
    const team = await richTeam();
    await prisma.annotation.update({
      where: { id: team.ids.resolved },
      data: { createdAt: new Date("2026-01-15T23:30:00Z") },
    });
    const day = await exportOf(
      team.member,
      team.document.id,
      "format=csv&from=2026-01-15&to=2026-01-15",
    );
    expect(idsInCsv(day.text)).toEqual([team.ids.resolved]);
    const after = await exportOf(team.member, team.document.id, "format=csv&from=2026-01-16");
    expect(idsInCsv(after.text)).not.toContain(team.ids.resolved);
    const reversed = await exportOf(
      team.member,
      team.document.id,
      "format=csv&from=2026-02-01&to=2026-01-01",
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe("bad_request");
    for (const query of [
      "format=pdf",
      "from=0000-01-01",
      "to=9999-12-31",
      "from=2026-02-30",
      "to=yesterday",
      "tag=%00",
      "replies=maybe",
    ]) {
      const bogus = await exportOf(team.member, team.document.id, query);
      expect(bogus.status, query).toBe(400);
      expect(bogus.body.error.code, query).toBe("bad_request");
    }
  });

  it("counts what an export would hold", async () => {
    const team = await richTeam();
    const count = await call(documentCount, {
      url: `http://localhost/api/v1/documents/${team.document.id}/export/count?tag=trial%20balloon`,
      params: { id: team.document.id },
      headers: team.member.auth,
    });
    expect(count.status).toBe(200);
    expect(count.body.total).toBe(2);
    expect(count.body.filename).toMatch(/-excerpts-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it("writes JSON-LD that passes the W3C test suite's MUST assertions", async () => {
    const team = await richTeam();
    const { status, headers, body } = await exportOf(
      team.member,
      team.document.id,
      "format=jsonld",
    );
    expect(status).toBe(200);
    expect(headers.get("content-type")).toContain("application/ld+json");
    expect(body.type).toBe("AnnotationCollection");
    expect(body.total).toBe(5); // four annotations and the moderator's reply, all items
    expect(body.first.items).toHaveLength(5);
    expect(w3cMustFailures(body)).toEqual([]);
    const items = body.first.items as Array<Record<string, any>>;
    const resolved = items.find((item) => item.id.endsWith(team.ids.resolved))!;
    expect(resolved.body).toEqual(
      expect.arrayContaining([
        { type: "TextualBody", purpose: "tagging", value: "alliance friction" },
        expect.objectContaining({
          purpose: "commenting",
          format: "text/html",
          value: "<p><strong>Bold claim</strong></p>",
        }),
      ]),
    );
    const reply = items.find((item) => item.motivation === "replying")!;
    expect(reply.target).toBe(items.find((item) => item.id.endsWith(team.ids.author))!.id);
  });

  it("writes clip books grouped by tag, in Markdown and Word", async () => {
    const team = await richTeam();
    const md = await exportOf(team.member, team.document.id, "format=md&tag=trial%20balloon");
    expect(md.status).toBe(200);
    expect(md.text).toMatch(/^# /);
    expect(md.text).toContain("## trial balloon");
    expect(md.text).not.toContain("## alliance friction");
    expect(md.text).toContain("@SUM(1+1) is a reply"); // replies are in by default

    const docx = await documentExport(
      new Request(`http://localhost/api/v1/documents/${team.document.id}/export?format=docx`, {
        headers: team.member.auth,
      }),
      { params: Promise.resolve({ id: team.document.id }) },
    );
    expect(docx.status).toBe(200);
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    const xml = strFromU8(files["word/document.xml"]!);
    for (const heading of ["alliance friction", "secret tag", "trial balloon"])
      expect(xml).toContain(heading);
    expect(xml.indexOf("alliance friction")).toBeLessThan(xml.indexOf("trial balloon"));
  });

  it("writes the tag codebook with counts the requester may see", async () => {
    const team = await richTeam();
    const byAuthor = await exportOf(
      team.author,
      team.workspace.id,
      "format=codebook",
      workspaceExport,
    );
    const rows = csvRows(byAuthor.text);
    expect(rows[0]).toEqual(["name", "color", "description", "count"]);
    const names = rows.slice(1).map((row) => row[0]);
    expect(names).toContain("trial balloon");
    expect(names).not.toContain("secret tag"); // used only on the member's private highlight
    expect(rows.find((row) => row[0] === "trial balloon")![3]).toBe("2");
  });

  it("streams threads with their annotations across many cursor batches", async () => {
    const team = await makeTeam();
    const { document, ids } = await manyAnnotations(team, 1_200);
    const texts = ids.map((id, i) => ({
      annotationId: id,
      authorId: team.member.id,
      body: {},
      bodyHtml: `<p>reply ${i}</p>`,
      bodyText: `reply ${i}`,
    }));
    await prisma.reply.createMany({ data: texts });
    const { body } = await exportOf(team.author, document.id, "format=jsonld");
    expect(body.total).toBe(2_400); // the annotations and their replies
    const items = body.first.items as Array<{ motivation: string; target: unknown }>;
    expect(items.filter((item) => item.motivation === "replying")).toHaveLength(1_200);
    const md = await exportOf(team.author, document.id, "format=md");
    expect(md.text.match(/reply \d+/g)).toHaveLength(1_200);
  });

  it("lets three downloads stream at once, answers a fourth 503 with Retry-After, and still counts", async () => {
    const team = await makeTeam();
    const { document } = await manyAnnotations(team, 3_000);
    const open = async () => {
      const response = await documentExport(
        new Request(`http://localhost/api/v1/documents/${document.id}/export?format=csv`, {
          headers: team.member.auth,
        }),
        { params: Promise.resolve({ id: document.id }) },
      );
      const reader = response.body!.getReader();
      await reader.read(); // started, then the reader stops reading (a stalled client)
      return reader;
    };
    const stalled = [await open(), await open(), await open()];
    const fourth = await exportOf(team.member, document.id, "format=csv");
    expect(fourth.status).toBe(503);
    expect(fourth.body.error.code).toBe("unavailable");
    expect(fourth.headers.get("retry-after")).toBe("30");
    const count = await call(documentCount, {
      url: `http://localhost/api/v1/documents/${document.id}/export/count`,
      params: { id: document.id },
      headers: team.member.auth,
    });
    expect(count.body.total).toBe(3_000);
    for (const reader of stalled) await reader.cancel();
    const after = await exportOf(team.member, document.id, "format=csv");
    expect(idsInCsv(after.text)).toHaveLength(3_000);
  }, 30_000);

  it("gives the connection back when the client stops reading halfway", async () => {
    const team = await makeTeam();
    const { document } = await manyAnnotations(team, 3_000);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await documentExport(
        new Request(`http://localhost/api/v1/documents/${document.id}/export?format=csv`, {
          headers: team.member.auth,
        }),
        { params: Promise.resolve({ id: document.id }) },
      );
      const reader = response.body!.getReader();
      await reader.read();
      await reader.cancel();
    }
    const full = await exportOf(team.member, document.id, "format=csv");
    expect(idsInCsv(full.text)).toHaveLength(3000);
    const [idle] = await exportSql()<Array<{ open: number }>>`
      SELECT count(*)::int AS open FROM pg_stat_activity
      WHERE datname = current_database() AND state = 'idle in transaction'`;
    expect(idle?.open).toBe(0);
  });
});
