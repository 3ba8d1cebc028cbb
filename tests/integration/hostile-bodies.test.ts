import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";

import {
  GET as threadRoute,
  POST as replyRoute,
} from "@/app/api/v1/annotations/[id]/replies/route";
import { POST as createRoute } from "@/app/api/v1/documents/[id]/annotations/route";
import { prisma } from "@/lib/server/db";
import { isSafeHref } from "@/lib/shared/editor/links";

import { makeDocument, makeTeam } from "../support/factories";
import { CORPUS_MENTION_ID, HOSTILE_BODIES, hostileBodyJson } from "../support/hostile-bodies";
import { call } from "../support/http";

// The hostile corpus sent straight to the API as raw JSON, as a reply and as an annotation's
// comment: each is refused with 422 (400 when it is not even an object, 413 over the request
// size limit) and stores nothing,
// or it is stored and what the server renders holds nothing that could run. The same bodies
// are rendered in Chromium by tests/e2e/hostile-bodies.spec.ts.

const ALLOWED_ELEMENTS = new Set([
  "p",
  "br",
  "strong",
  "em",
  "s",
  "code",
  "pre",
  "a",
  "ul",
  "ol",
  "li",
  "blockquote",
  "span",
]);

function assertHarmless(html: string): void {
  expect(html).not.toMatch(/<script|javascript:|data:|vbscript:/i);
  const walk = (nodes: ReturnType<typeof parseDocument>["children"]) => {
    for (const node of nodes) {
      if (node.type === "tag") {
        expect(ALLOWED_ELEMENTS).toContain(node.name);
        for (const name of Object.keys(node.attribs)) {
          expect(name.toLowerCase().startsWith("on"), `attribute ${name}`).toBe(false);
          expect(name.toLowerCase()).not.toBe("style");
        }
        if (node.name === "a") {
          expect(isSafeHref(node.attribs.href)).toBe(true);
          expect(node.attribs.target).toBe("_blank");
          expect(node.attribs.rel).toContain("noopener");
        }
        walk(node.children);
      }
    }
  };
  walk(parseDocument(html).children);
}

function raw(body: string): string {
  return body;
}

describe("the hostile corpus, sent to the API", () => {
  it(`has at least 50 bodies (${HOSTILE_BODIES.length})`, () => {
    expect(HOSTILE_BODIES.length).toBeGreaterThanOrEqual(50);
  });

  it("refuses each with 422 and stores nothing, or stores it harmlessly: as replies and as comments", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, {
      content: "Are these trial balloons? We'll see how this develops.",
    });
    const annotation = await call(createRoute, {
      method: "POST",
      params: { id: document.id },
      json: { target: { quote: { exact: "trial balloons" } } },
      headers: team.member.auth,
    });
    const failures: string[] = [];
    let plainHighlights = 0; // `"body": null` on an annotation means no comment: a plain highlight
    for (const entry of HOSTILE_BODIES) {
      // Mentions must name members: the corpus's mention id becomes a real member's.
      const body = hostileBodyJson(entry).replaceAll(CORPUS_MENTION_ID, team.spare.id);
      const asReply = await call(replyRoute, {
        method: "POST",
        params: { id: annotation.body.id },
        body: raw(`{"body":${body}}`),
        headers: { ...team.member.auth, "content-type": "application/json" },
      });
      const asComment = await call(createRoute, {
        method: "POST",
        params: { id: document.id },
        body: raw(`{"target":{"quote":{"exact":"We'll see"}},"body":${body}}`),
        headers: { ...team.member.auth, "content-type": "application/json" },
      });
      for (const [where, response] of [
        ["reply", asReply],
        ["comment", asComment],
      ] as const) {
        if (where === "comment" && entry.body === null && response.status === 201) {
          expect(response.body.bodyHtml).toBeNull();
          plainHighlights += 1;
          continue;
        }
        const ok = entry.expect === "refused" ? [400, 413, 422] : [201];
        if (!ok.includes(response.status)) {
          failures.push(
            `${entry.name} (${where}): ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
          );
          continue;
        }
        if (response.status >= 400) expect(response.body.error.message).toBeTruthy();
        else assertHarmless(response.body.bodyHtml);
      }
    }
    expect(failures).toEqual([]);
    // Only the harmless ones were stored, and what is stored is harmless as read back.
    const harmless = HOSTILE_BODIES.filter((entry) => entry.expect === "harmless").length;
    const thread = await call(threadRoute, {
      url: "http://localhost/x?limit=500",
      params: { id: annotation.body.id },
      headers: team.owner.auth,
    });
    expect(thread.body.items).toHaveLength(harmless);
    for (const reply of thread.body.items) assertHarmless(reply.bodyHtml);
    expect(await prisma.annotation.count({ where: { documentId: document.id } })).toBe(
      1 + harmless + plainHighlights,
    );
  });
});
