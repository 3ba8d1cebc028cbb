import { readFileSync } from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";

import { GET as getDocument } from "@/app/api/v1/documents/[id]/route";
import {
  GET as listDocuments,
  POST as addDocument,
} from "@/app/api/v1/workspaces/[id]/documents/route";
import { prisma } from "@/lib/server/db";

import { addMember, makeDocument, makeTeam, makeWorkspace, type Team } from "../support/factories";
import { call, multipart } from "../support/http";

let workspaceId: string;
let team: Team;

beforeAll(async () => {
  team = await makeTeam();
  workspaceId = team.workspace.id;
});

async function documentCount(): Promise<number> {
  return prisma.document.count({ where: { workspaceId } });
}

function post(init: NonNullable<Parameters<typeof call>[1]>) {
  return call(addDocument, {
    method: "POST",
    params: { id: workspaceId },
    ...init,
    headers: { ...team.owner.auth, ...init.headers },
  });
}

describe("POST /api/v1/workspaces/{id}/documents", () => {
  it("adds plain text as canonical paragraphs joined by a blank line", async () => {
    const response = await post({
      json: {
        title: "Two lines",
        text: "First line.\nSecond line.",
        source: { url: "https://example.com/a", publisher: "Example" },
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      workspaceId,
      title: "Two lines",
      text: "First line.\n\nSecond line.",
      source: {
        url: "https://example.com/a",
        publisher: "Example",
        author: null,
        publishedAt: null,
      },
    });
    expect(response.body.revisionId).toEqual(expect.any(String));

    const read = await call(getDocument, {
      params: { id: response.body.id },
      headers: team.member.auth,
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: response.body.id,
      revisionId: response.body.revisionId,
      text: "First line.\n\nSecond line.",
    });
  });

  it("reduces HTML to safe text blocks and takes its title", async () => {
    const html = `<html><head><title>Hello page</title><script>alert(1)</script></head>
      <body><h1>Heading</h1><p onclick="steal()">Safe <b>text</b> &amp; more</p><iframe src="https://evil"></iframe></body></html>`;
    const response = await post({ json: { html } });
    expect(response.status).toBe(201);
    expect(response.body.title).toBe("Hello page");
    expect(response.body.text).toContain("Safe text & more");
    expect(response.body.text).not.toMatch(/alert|steal|iframe|evil|</);
  });

  it("accepts a multipart upload of a .md file", async () => {
    const body = multipart({
      file: {
        name: "notes.md",
        type: "text/markdown",
        bytes: "# Notes\n\nA *first* point.\n\n- one\n- two\n",
      },
    });
    const response = await post({ body });
    expect(response.status).toBe(201);
    expect(response.body.title).toBe("Notes");
    expect(response.body.text).toBe("Notes\n\nA first point.\n\none\n\ntwo");
    expect(response.body.blocks).toEqual([
      { type: "heading", level: 1 },
      { type: "paragraph" },
      { type: "list-item" },
      { type: "list-item" },
    ]);
  });

  describe("refuses bad input clearly and changes nothing", () => {
    const cases: Array<[string, () => NonNullable<Parameters<typeof call>[1]>, number, RegExp]> = [
      [
        "a binary file",
        () => ({
          body: multipart({
            file: {
              name: "photo.txt",
              bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
            },
          }),
        }),
        422,
        /binary|not text/i,
      ],
      [
        "a non-UTF-8 file",
        () => ({
          body: multipart({
            file: {
              name: "latin1.txt",
              bytes: new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]),
            },
          }),
        }),
        422,
        /UTF-8/,
      ],
      [
        "a PDF",
        () => ({
          body: multipart({
            file: { name: "paper.pdf", type: "application/pdf", bytes: "%PDF-1.7" },
          }),
        }),
        415,
        /\.txt.*\.md.*\.html/,
      ],
      [
        "a file over the size limit",
        () => ({
          body: multipart({
            file: {
              name: "big.txt",
              bytes: "a ".repeat(1_100_000) + "\n" + "b ".repeat(1_100_000),
            },
          }),
        }),
        413,
        /limit/,
      ],
      [
        "JSON text over the size limit",
        () => ({ json: { text: "word ".repeat(500_000) } }),
        413,
        /limit/,
      ],
      [
        "broken JSON",
        () => ({ body: "{not json", headers: { "content-type": "application/json" } }),
        400,
        /not valid JSON/,
      ],
      [
        "JSON with two contents",
        () => ({ json: { text: "a", html: "<p>b</p>" } }),
        422,
        /exactly one/,
      ],
      ["JSON with no content", () => ({ json: { title: "Empty" } }), 422, /exactly one/],
      [
        "JSON with unknown fields",
        () => ({ json: { text: "a", evil: true } }),
        422,
        /evil|Unrecognized/i,
      ],
      [
        "a javascript: source URL",
        () => ({ json: { text: "a", source: { url: "javascript:alert(1)" } } }),
        422,
        /url/i,
      ],
      [
        "text that is only whitespace",
        () => ({ json: { text: " \n\t \n" } }),
        422,
        /no readable text/,
      ],
      [
        "HTML with no text",
        () => ({ json: { html: "<script>alert(1)</script><img src=x>" } }),
        422,
        /no readable text/,
      ],
      [
        "a form-encoded body",
        () => ({
          body: "text=hello",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
        /application\/json or multipart/,
      ],
      [
        "a multipart body without a file",
        () => ({ body: multipart({ title: "No file" }) }),
        422,
        /file/,
      ],
    ];
    it.each(cases)("%s", async (_name, init, status, message) => {
      const before = await documentCount();
      const response = await post(init());
      expect(response.status).toBe(status);
      expect(response.body.error.message).toMatch(message);
      expect(Object.keys(response.body)).toEqual(["error"]);
      expect(await documentCount()).toBe(before);
    });
  });

  it("answers 404 for a workspace that does not exist, in the API's error shape", async () => {
    const response = await call(addDocument, {
      method: "POST",
      params: { id: "nope" },
      json: { text: "hello" },
      headers: team.owner.auth,
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "not_found", message: "Workspace not found" } });
  });
});

describe("GET /api/v1/workspaces/{id}/documents", () => {
  it("pages through documents newest first with a cursor", async () => {
    const workspace = await makeWorkspace();
    await addMember(workspace.id, team.member.id);
    const titles = ["one", "two", "three", "four", "five"];
    for (const title of titles) await makeDocument(workspace.id, { title });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `http://localhost/api/v1/workspaces/${workspace.id}/documents?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await call(listDocuments, {
        url,
        params: { id: workspace.id },
        headers: team.member.auth,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const item of page.body.items) expect(item).not.toHaveProperty("text");
      seen.push(...page.body.items.map((item: { title: string }) => item.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...titles].reverse());
  });

  it("rejects a limit over 500 and a forged cursor with 400", async () => {
    const tooMany = await call(listDocuments, {
      url: `http://localhost/x?limit=501`,
      params: { id: workspaceId },
      headers: team.member.auth,
    });
    expect(tooMany.status).toBe(400);
    const forged = await call(listDocuments, {
      url: `http://localhost/x?cursor=abc`,
      params: { id: workspaceId },
      headers: team.member.auth,
    });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe("bad_request");
  });
});

describe("GET /api/v1/documents/{id}", () => {
  it("answers 404 for unknown and malformed ids", async () => {
    for (const id of ["cnotthere000000000000000", "../../etc/passwd", "x".repeat(200)]) {
      const response = await call(getDocument, { params: { id }, headers: team.member.auth });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("not_found");
    }
  });

  it("serves the seed article's text with the offsets API.md promises", async () => {
    const seedText = readFileSync("prisma/seed/csto-summit.txt", "utf8");
    const document = await makeDocument(workspaceId, { content: seedText });
    const response = await call(getDocument, {
      params: { id: document.id },
      headers: team.member.auth,
    });
    expect(response.body.text.slice(4357, 4371)).toBe("trial balloons");
    expect(response.body.text.split("\n\n")).toHaveLength(11);
  });
});
