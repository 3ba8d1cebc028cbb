import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { redirect } from "next/navigation";
import { describe, expect, it, vi } from "vitest";

import type { Actor } from "@/lib/server/auth/actor";
import { ACTION_POLICIES, type ActionName } from "@/lib/server/http/action-policies";
import type { Role } from "@/lib/server/permissions";

import { makeInvite, makeTeam, unique, type Team, type TestUser } from "../support/factories";

// The authorization matrix for server actions: every exported function of app/**/actions.ts,
// found by reading the folder, must have a policy in action-policies.ts and a case here, and is
// tried as anonymous, outsider, member, moderator and owner on a fresh team. Only what needs a
// live Next request is replaced: who is signed in (the session cookie is tested in
// sessions.test.ts and e2e), request headers, page refresh, and next-auth's own sign-in.

const state = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/server/auth/current-actor", () => ({
  currentActor: async () => state.actor,
  requirePageActor: async () => state.actor,
}));
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({
      "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 250)}`,
      host: "localhost",
    }),
}));
vi.mock("next/cache", () => ({ refresh: () => {} }));
vi.mock("@/lib/server/auth/auth", () => ({
  auth: async () => null,
  handlers: {},
  signIn: async (_provider: string, options: { redirectTo?: string; redirect?: boolean }) => {
    if (options?.redirect === false) return "/";
    redirect(options?.redirectTo ?? "/");
  },
  signOut: async () => redirect("/"),
}));

type Who = "anonymous" | "outsider" | "member" | "moderator" | "owner";
const WHO: Who[] = ["anonymous", "outsider", "member", "moderator", "owner"];

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

/** The arguments of a valid call of each action, for the team and the user trying it. */
const CASES: Record<
  ActionName,
  (team: Team, user: TestUser | null) => Promise<unknown[]> | unknown[]
> = {
  signInAction: () => [null, form({ email: "someone@example.com", password: "whatever it is" })],
  // No provider is configured in tests: every caller is sent back to the sign-in page alike.
  oauthSignInAction: () => [form({ provider: "github", callbackUrl: "/" })],
  signUpAction: () => [
    null,
    form({ name: "New", email: `${unique("new")}@example.com`, password: "a long password" }),
  ],
  signOutAction: () => [],
  createWorkspaceAction: () => [null, form({ name: "New", kind: "team" })],
  updateProfileAction: () => [null, form({ name: "Renamed" })],
  changePasswordAction: () => [
    null,
    form({ currentPassword: "", newPassword: "a brand new password" }),
  ],
  createTokenAction: () => [null, form({ name: "script" })],
  revokeTokenAction: async (_team, user) => [user ? await spareToken(user) : "none"],
  acceptInviteAction: async (team) => [(await makeInvite(team.workspace.id)).code],
  addDocumentAction: (team) => [
    team.workspace.id,
    null,
    form({ mode: "paste", format: "text", content: "Some text." }),
  ],
  updateWorkspaceAction: (team) => [
    team.workspace.id,
    null,
    form({ name: "Renamed", kind: "class" }),
  ],
  changeMemberRoleAction: (team) => [
    team.workspace.id,
    team.spare.id,
    null,
    form({ role: "moderator" }),
  ],
  removeMemberAction: (team) => [team.workspace.id, team.spare.id],
  leaveWorkspaceAction: (team) => [team.workspace.id],
  transferOwnershipAction: (team) => [team.workspace.id, null, form({ userId: team.spare.id })],
  createInviteAction: (team) => [
    team.workspace.id,
    null,
    form({ role: "member", expiresInDays: "7" }),
  ],
  revokeInviteAction: async (team) => [team.workspace.id, (await makeInvite(team.workspace.id)).id],
  markAllReadAction: () => [],
  createTagAction: (team) => [team.workspace.id, null, form({ name: unique("tag") })],
  updateTagAction: (team) => [
    team.tag.id,
    null,
    form({ name: "trial balloons", color: "#0ea5e9", description: "Proposals floated to test" }),
  ],
  mergeTagAction: async (team) => {
    const { prisma } = await import("@/lib/server/db");
    const into = await prisma.tag.create({
      data: {
        workspaceId: team.workspace.id,
        name: "Kite",
        normalizedName: "kite",
        color: "#0ea5e9",
      },
    });
    return [team.tag.id, null, form({ into: into.id })];
  },
  deleteTagAction: (team) => [team.tag.id],
};

// Written out independently of lib/server/permissions.ts.
const ALLOWED: Partial<Record<ActionName, Role[]>> = {
  addDocumentAction: ["owner", "moderator"],
  updateWorkspaceAction: ["owner"],
  changeMemberRoleAction: ["owner"],
  removeMemberAction: ["owner", "moderator"],
  // The team's owner is its only owner: leaving is refused (409) by the last-owner rule.
  leaveWorkspaceAction: ["moderator", "member"],
  transferOwnershipAction: ["owner"],
  createInviteAction: ["owner", "moderator"],
  revokeInviteAction: ["owner", "moderator"],
  createTagAction: ["owner", "moderator", "member"],
  updateTagAction: ["owner", "moderator"],
  mergeTagAction: ["owner", "moderator"],
  deleteTagAction: ["owner", "moderator"],
};

async function spareToken(user: TestUser): Promise<string> {
  const { prisma } = await import("@/lib/server/db");
  return (
    await prisma.apiToken.create({
      data: { userId: user.id, name: "spare", tokenHash: unique("h"), prefix: "glossa_pat_x" },
    })
  ).id;
}

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return actionFiles(full);
    return entry === "actions.ts" ? [full] : [];
  });
}

const actions = actionFiles("app").flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/export async function (\w+)/g)].map((match) => ({
    name: match[1]!,
    file,
  })),
);

function expected(name: ActionName, who: Who): string {
  const policy = ACTION_POLICIES[name] as { access: string };
  if (policy.access === "public") return "ok";
  if (who === "anonymous") return "unauthorized";
  if (policy.access === "signed-in") return "ok";
  if (who === "outsider") return "not_found";
  const allowed = ALLOWED[name];
  if (!allowed) throw new Error(`${name} is member-only: say who may call it in ALLOWED`);
  if (name === "leaveWorkspaceAction" && who === "owner") return "conflict";
  return allowed.includes(who as Role) ? "ok" : "forbidden";
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    const result = (await run()) as { ok: boolean; code?: string } | null | undefined;
    if (!result || result.ok) return "ok";
    return result.code ?? "failed";
  } catch (error) {
    if (String((error as { digest?: string }).digest ?? "").startsWith("NEXT_REDIRECT"))
      return "ok";
    throw error;
  }
}

describe("server action authorization matrix", () => {
  it("finds the actions, and every one has a declared policy and a case", () => {
    expect(actions.length).toBeGreaterThanOrEqual(15);
    expect(
      actions.filter((action) => !(action.name in ACTION_POLICIES)).map((action) => action.name),
    ).toEqual([]);
    expect(
      actions.filter((action) => !(action.name in CASES)).map((action) => action.name),
    ).toEqual([]);
    expect(
      Object.keys(ACTION_POLICIES).filter(
        (name) => !actions.some((action) => action.name === name),
      ),
    ).toEqual([]);
  });

  for (const action of actions) {
    const name = action.name as ActionName;
    it.each(WHO)(`${name} as %s`, async (who) => {
      const exported = (await import(/* @vite-ignore */ path.resolve(action.file))) as Record<
        string,
        (...args: unknown[]) => Promise<unknown>
      >;
      const team = await makeTeam();
      const user = who === "anonymous" ? null : team[who];
      state.actor = user?.actor ?? null;
      const args = await CASES[name](team, user);
      expect(await outcome(() => exported[name]!(...args))).toBe(expected(name, who));
    });
  }
});
