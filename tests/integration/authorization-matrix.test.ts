import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ROUTE_POLICIES, type RouteKey } from "@/lib/server/http/route-policies";
import type { Role } from "@/lib/server/permissions";

import { makeInvite, makeTeam, unique, type Team, type TestUser } from "../support/factories";
import { call } from "../support/http";

// The authorization matrix: every route under app/api, found here by reading the folder, is
// tried as anonymous, non-member, member, moderator and owner (and, for resources that belong
// to one person, as their author), each on a fresh team, and the status must be what its
// declared policy (lib/server/http/route-policies.ts) and the role table say. A route without
// a policy, or without a case below, fails the test.

// "author" is a member who wrote the team's annotation.
type Who = "anonymous" | "outsider" | "member" | "moderator" | "owner" | "author";
const WHO: Who[] = ["anonymous", "outsider", "member", "moderator", "owner", "author"];

interface Attempt {
  params?: Record<string, string>;
  json?: unknown;
  url?: string;
}

/** A valid request for each route, made for the team and the user trying it. */
const CASES: Record<RouteKey, (team: Team, user: TestUser | null) => Promise<Attempt> | Attempt> = {
  "GET /api/v1/health": () => ({}),
  "GET /api/v1/openapi.json": () => ({}),
  "POST /api/v1/users": () => ({
    json: { email: `${unique("new")}@example.com`, name: "New", password: "a long password" },
  }),
  "GET /api/v1/me": () => ({}),
  "PATCH /api/v1/me": () => ({ json: { name: "Renamed" } }),
  "POST /api/v1/me/password": () => ({
    json: { currentPassword: "", newPassword: "a brand new password" },
  }),
  "GET /api/v1/tokens": () => ({}),
  "POST /api/v1/tokens": () => ({ json: { name: "script" } }),
  // The author's own token: tokens belong to one person.
  "DELETE /api/v1/tokens/{id}": async (_team, user) => ({
    params: { id: user ? await tokenIdOf(user) : "none" },
  }),
  "GET /api/v1/workspaces": () => ({}),
  "POST /api/v1/workspaces": () => ({ json: { name: "New workspace", kind: "class" } }),
  "GET /api/v1/workspaces/{id}": (team) => ({ params: { id: team.workspace.id } }),
  "PATCH /api/v1/workspaces/{id}": (team) => ({
    params: { id: team.workspace.id },
    json: { name: "Renamed" },
  }),
  "GET /api/v1/workspaces/{id}/members": (team) => ({ params: { id: team.workspace.id } }),
  "PATCH /api/v1/workspaces/{id}/members/{userId}": (team) => ({
    params: { id: team.workspace.id, userId: team.spare.id },
    json: { role: "moderator" },
  }),
  "DELETE /api/v1/workspaces/{id}/members/{userId}": (team) => ({
    params: { id: team.workspace.id, userId: team.spare.id },
  }),
  "POST /api/v1/workspaces/{id}/transfer": (team) => ({
    params: { id: team.workspace.id },
    json: { userId: team.spare.id },
  }),
  "GET /api/v1/workspaces/{id}/invites": (team) => ({ params: { id: team.workspace.id } }),
  "POST /api/v1/workspaces/{id}/invites": (team) => ({
    params: { id: team.workspace.id },
    json: { role: "member" },
  }),
  "DELETE /api/v1/workspaces/{id}/invites/{inviteId}": async (team) => ({
    params: { id: team.workspace.id, inviteId: (await makeInvite(team.workspace.id)).id },
  }),
  "POST /api/v1/invites/{code}/accept": async (team) => ({
    params: { code: (await makeInvite(team.workspace.id)).code },
  }),
  "GET /api/v1/workspaces/{id}/documents": (team) => ({ params: { id: team.workspace.id } }),
  "POST /api/v1/workspaces/{id}/documents": (team) => ({
    params: { id: team.workspace.id },
    json: { text: "A new text." },
  }),
  "GET /api/v1/documents/{id}": (team) => ({ params: { id: team.document.id } }),
  "PUT /api/v1/documents/{id}": (team) => ({
    params: { id: team.document.id },
    json: {
      text: "A new first paragraph.\nFirst paragraph of the article.\nSecond paragraph, with more words.",
    },
  }),
  "GET /api/v1/documents/{id}/annotations": (team) => ({ params: { id: team.document.id } }),
  "POST /api/v1/documents/{id}/annotations": (team) => ({
    params: { id: team.document.id },
    json: { target: { quote: { exact: "First paragraph" } }, tags: ["alliance friction"] },
  }),
  "GET /api/v1/documents/{id}/events": (team) => ({ params: { id: team.document.id } }),
  "POST /api/v1/documents/{id}/spotlight": (team) => ({
    params: { id: team.document.id },
    json: { annotationId: team.annotation.id },
  }),
  "GET /api/v1/annotations/{id}": (team) => ({ params: { id: team.annotation.id } }),
  "PATCH /api/v1/annotations/{id}": (team) => ({
    params: { id: team.annotation.id },
    json: { status: "resolved" },
  }),
  "DELETE /api/v1/annotations/{id}": (team) => ({ params: { id: team.annotation.id } }),
  "GET /api/v1/annotations/{id}/replies": (team) => ({ params: { id: team.annotation.id } }),
  "POST /api/v1/annotations/{id}/replies": (team) => ({
    params: { id: team.annotation.id },
    json: { body: doc("Is this a trial balloon?") },
  }),
  // A reply written by the team annotation's author.
  "PATCH /api/v1/replies/{id}": async (team) => ({
    params: { id: await authorReply(team) },
    json: { body: doc("Edited") },
  }),
  "DELETE /api/v1/replies/{id}": async (team) => ({ params: { id: await authorReply(team) } }),
  "GET /api/v1/notifications": () => ({}),
  "POST /api/v1/notifications/read": () => ({ json: {} }),
  "GET /api/v1/workspaces/{id}/tags": (team) => ({ params: { id: team.workspace.id } }),
  "POST /api/v1/workspaces/{id}/tags": (team) => ({
    params: { id: team.workspace.id },
    json: { name: unique("tag") },
  }),
  "PATCH /api/v1/tags/{id}": (team) => ({
    params: { id: team.tag.id },
    json: { color: "#123456" },
  }),
  "DELETE /api/v1/tags/{id}": (team) => ({ params: { id: team.tag.id } }),
  "POST /api/v1/tags/{id}/merge": async (team) => {
    const { prisma } = await import("@/lib/server/db");
    const into = await prisma.tag.create({
      data: {
        workspaceId: team.workspace.id,
        name: "Into",
        normalizedName: unique("into"),
        color: "#abcdef",
      },
    });
    return { params: { id: team.tag.id }, json: { into: into.id } };
  },
  "GET /api/v1/documents/{id}/export": (team) => ({
    params: { id: team.document.id },
    url: "?format=jsonld",
  }),
  "GET /api/v1/documents/{id}/export/count": (team) => ({ params: { id: team.document.id } }),
  "GET /api/v1/workspaces/{id}/export": (team) => ({
    params: { id: team.workspace.id },
    url: "?format=csv",
  }),
  "GET /api/v1/workspaces/{id}/export/count": (team) => ({ params: { id: team.workspace.id } }),
  "POST /api/v1/workspaces/{id}/import": (team) => ({
    params: { id: team.workspace.id },
    json: {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      id: `urn:example:${unique("anno")}`,
      target: {
        source: `${"http://localhost"}/documents/${team.document.id}`,
        selector: { type: "TextQuoteSelector", exact: "First paragraph" },
      },
    },
  }),
};

function doc(text: string) {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

async function authorReply(team: Team): Promise<string> {
  const { prisma } = await import("@/lib/server/db");
  const row = await prisma.reply.create({
    data: {
      annotationId: team.annotation.id,
      authorId: team.author.id,
      body: doc("First"),
      bodyHtml: "<p>First</p>",
      bodyText: "First",
    },
  });
  return row.id;
}

async function tokenIdOf(user: TestUser): Promise<string> {
  const { prisma } = await import("@/lib/server/db");
  const row = await prisma.apiToken.create({
    data: { userId: user.id, name: "spare", tokenHash: unique("hash"), prefix: "glossa_pat_x" },
  });
  return row.id;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

function discoverRoutes(): Array<{ key: string; file: string; method: string }> {
  return routeFiles("app/api/v1")
    .filter((file) => !file.includes("[..."))
    .flatMap((file) => {
      const apiPath = `/${path.dirname(file)}`
        .replace(/^\/app/, "")
        .replace(/\[([^\]]+)\]/g, "{$1}");
      const source = readFileSync(file, "utf8");
      return [
        ...source.matchAll(
          /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
        ),
      ].map((match) => ({
        key: `${match[1]} ${apiPath}`,
        file,
        method: match[1]!,
      }));
    });
}

// Who may do what, written out here independently of lib/server/permissions.ts, so that a
// change to the role table shows up as a failure to look at.
const EVERYONE: Role[] = ["owner", "moderator", "member"];
const ALLOWED: Partial<Record<RouteKey, Role[]>> = {
  "GET /api/v1/workspaces/{id}": EVERYONE,
  "PATCH /api/v1/workspaces/{id}": ["owner"],
  "GET /api/v1/workspaces/{id}/members": EVERYONE,
  "PATCH /api/v1/workspaces/{id}/members/{userId}": ["owner"],
  "DELETE /api/v1/workspaces/{id}/members/{userId}": ["owner", "moderator"],
  "POST /api/v1/workspaces/{id}/transfer": ["owner"],
  "GET /api/v1/workspaces/{id}/invites": ["owner", "moderator"],
  "POST /api/v1/workspaces/{id}/invites": ["owner", "moderator"],
  "DELETE /api/v1/workspaces/{id}/invites/{inviteId}": ["owner", "moderator"],
  "GET /api/v1/workspaces/{id}/documents": EVERYONE,
  "POST /api/v1/workspaces/{id}/documents": ["owner", "moderator"],
  "GET /api/v1/documents/{id}": EVERYONE,
  "PUT /api/v1/documents/{id}": ["owner", "moderator"],
  "GET /api/v1/documents/{id}/annotations": EVERYONE,
  "POST /api/v1/documents/{id}/annotations": EVERYONE,
  "GET /api/v1/documents/{id}/events": EVERYONE,
  "POST /api/v1/documents/{id}/spotlight": ["owner", "moderator"],
  "GET /api/v1/annotations/{id}": EVERYONE,
  "PATCH /api/v1/annotations/{id}": ["owner", "moderator"],
  "DELETE /api/v1/annotations/{id}": ["owner", "moderator"],
  "GET /api/v1/annotations/{id}/replies": EVERYONE,
  "POST /api/v1/annotations/{id}/replies": EVERYONE,
  "PATCH /api/v1/replies/{id}": [], // its author only
  "DELETE /api/v1/replies/{id}": ["owner", "moderator"],
  "GET /api/v1/workspaces/{id}/tags": EVERYONE,
  "POST /api/v1/workspaces/{id}/tags": EVERYONE,
  "PATCH /api/v1/tags/{id}": ["owner", "moderator"],
  "DELETE /api/v1/tags/{id}": ["owner", "moderator"],
  "POST /api/v1/tags/{id}/merge": ["owner", "moderator"],
  "GET /api/v1/documents/{id}/export": EVERYONE,
  "GET /api/v1/documents/{id}/export/count": EVERYONE,
  "GET /api/v1/workspaces/{id}/export": EVERYONE,
  "GET /api/v1/workspaces/{id}/export/count": EVERYONE,
  "POST /api/v1/workspaces/{id}/import": EVERYONE,
};

/** What the author of the team's annotation may do beyond a member. */
const AUTHOR_MAY: RouteKey[] = [
  "PATCH /api/v1/annotations/{id}",
  "DELETE /api/v1/annotations/{id}",
  "PATCH /api/v1/replies/{id}", // the reply in these cases is the author's
  "DELETE /api/v1/replies/{id}",
];

function expected(key: RouteKey, who: Who): "ok" | 401 | 403 | 404 {
  const policy = ROUTE_POLICIES[key] as { access: string };
  if (policy.access === "public") return "ok";
  if (who === "anonymous") return 401;
  if (policy.access === "signed-in") return "ok";
  if (who === "outsider") return 404;
  const allowed = ALLOWED[key];
  if (!allowed) throw new Error(`${key} is member-only: say who may call it in ALLOWED`);
  if (who === "author") return AUTHOR_MAY.includes(key) || allowed.includes("member") ? "ok" : 403;
  return allowed.includes(who as Role) ? "ok" : 403;
}

const routes = discoverRoutes();

describe("authorization matrix", () => {
  it("finds the routes, and every one has a declared policy and a case", () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const missingPolicy = routes
      .filter((route) => !(route.key in ROUTE_POLICIES))
      .map((route) => route.key);
    expect(missingPolicy, "routes without a policy in route-policies.ts").toEqual([]);
    const missingCase = routes.filter((route) => !(route.key in CASES)).map((route) => route.key);
    expect(missingCase, "routes without a case in this test").toEqual([]);
    const stale = Object.keys(ROUTE_POLICIES).filter(
      (key) => !routes.some((route) => route.key === key),
    );
    expect(stale, "policies for routes that no longer exist").toEqual([]);
  });

  for (const route of routes) {
    const key = route.key as RouteKey;
    it.each(WHO)(`${route.key} as %s`, async (who) => {
      if (!(key in CASES)) throw new Error(`no case for ${key}`);
      const handlers = (await import(/* @vite-ignore */ path.resolve(route.file))) as Record<
        string,
        Parameters<typeof call>[0]
      >;
      const team = await makeTeam();
      const user = who === "anonymous" ? null : team[who];
      const attempt = await CASES[key](team, user);
      const response = await call(handlers[route.method]!, {
        method: route.method,
        url: `http://localhost${route.key.split(" ")[1]}${attempt.url ?? ""}`,
        params: attempt.params,
        json: attempt.json,
        headers: user ? user.auth : {},
      });
      const want = expected(key, who);
      if (want === "ok") expect(response.status, JSON.stringify(response.body)).toBeLessThan(400);
      else {
        expect(response.status, JSON.stringify(response.body)).toBe(want);
        expect(response.body.error.code).toBe(
          { 401: "unauthorized", 403: "forbidden", 404: "not_found" }[want],
        );
      }
    });
  }
});
