import { describe, expect, it } from "vitest";

import { GET as getDocumentRoute } from "@/app/api/v1/documents/[id]/route";
import { POST as acceptRoute } from "@/app/api/v1/invites/[code]/accept/route";
import { DELETE as revokeTokenRoute } from "@/app/api/v1/tokens/[id]/route";
import { POST as inviteRoute } from "@/app/api/v1/workspaces/[id]/invites/route";
import { DELETE as revokeInviteRoute } from "@/app/api/v1/workspaces/[id]/invites/[inviteId]/route";
import {
  DELETE as removeMemberRoute,
  PATCH as changeRoleRoute,
} from "@/app/api/v1/workspaces/[id]/members/[userId]/route";
import { GET as listMembersRoute } from "@/app/api/v1/workspaces/[id]/members/route";
import {
  GET as getWorkspaceRoute,
  PATCH as updateWorkspaceRoute,
} from "@/app/api/v1/workspaces/[id]/route";
import {
  GET as listDocumentsRoute,
  POST as addDocumentRoute,
} from "@/app/api/v1/workspaces/[id]/documents/route";
import {
  GET as listWorkspacesRoute,
  POST as createWorkspaceRoute,
} from "@/app/api/v1/workspaces/route";
import { POST as transferRoute } from "@/app/api/v1/workspaces/[id]/transfer/route";
import { prisma } from "@/lib/server/db";
import { SEED_ARTICLE } from "@/lib/server/seed/seed-article";

import { addMember, makeInvite, makeTeam, makeUser, makeWorkspace } from "../support/factories";
import { call } from "../support/http";

describe("workspaces", () => {
  it("a new workspace is owned by its creator and starts with the seed article", async () => {
    const user = await makeUser();
    const created = await call(createWorkspaceRoute, {
      method: "POST",
      json: { name: "Seminar", kind: "class" },
      headers: user.auth,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Seminar",
      kind: "class",
      role: "owner",
      memberCount: 1,
      documentCount: 1,
    });
    expect(created.body.abilities).toMatchObject({
      update: true,
      manageInvites: true,
      addDocuments: true,
    });
    const documents = await call(listDocumentsRoute, {
      params: { id: created.body.id },
      headers: user.auth,
    });
    expect(documents.body.items.map((item: { title: string }) => item.title)).toEqual([
      SEED_ARTICLE.title,
    ]);
    const mine = await call(listWorkspacesRoute, { headers: user.auth });
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
  });

  it("members may add documents only when the owner's setting says so", async () => {
    const team = await makeTeam();
    const add = () =>
      call(addDocumentRoute, {
        method: "POST",
        params: { id: team.workspace.id },
        json: { text: "Hello." },
        headers: team.member.auth,
      });
    expect((await add()).status).toBe(403);
    const changed = await call(updateWorkspaceRoute, {
      method: "PATCH",
      params: { id: team.workspace.id },
      json: { settings: { membersMayAddDocuments: true } },
      headers: team.owner.auth,
    });
    expect(changed.body.settings).toEqual({ membersMayAddDocuments: true });
    expect((await add()).status).toBe(201);
  });
});

describe("the last-owner rule", () => {
  it("the last owner can neither leave nor step down; with a second owner both work", async () => {
    const team = await makeTeam();
    const leave = () =>
      call(removeMemberRoute, {
        method: "DELETE",
        params: { id: team.workspace.id, userId: team.owner.id },
        headers: team.owner.auth,
      });
    const refused = await leave();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/needs an owner/);
    const demote = await call(changeRoleRoute, {
      method: "PATCH",
      params: { id: team.workspace.id, userId: team.owner.id },
      json: { role: "member" },
      headers: team.owner.auth,
    });
    expect(demote.status).toBe(409);

    const promote = await call(changeRoleRoute, {
      method: "PATCH",
      params: { id: team.workspace.id, userId: team.moderator.id },
      json: { role: "owner" },
      headers: team.owner.auth,
    });
    expect(promote.status).toBe(200);
    expect((await leave()).status).toBe(204);
    const members = await call(listMembersRoute, {
      params: { id: team.workspace.id },
      headers: team.moderator.auth,
    });
    expect(
      members.body.items.filter((member: { role: string }) => member.role === "owner"),
    ).toHaveLength(1);
  });

  it("two owners leaving at once leave one owner behind", async () => {
    const team = await makeTeam();
    await prisma.membership.update({
      where: { workspaceId_userId: { workspaceId: team.workspace.id, userId: team.moderator.id } },
      data: { role: "owner" },
    });
    const results = await Promise.all(
      [team.owner, team.moderator].map((user) =>
        call(removeMemberRoute, {
          method: "DELETE",
          params: { id: team.workspace.id, userId: user.id },
          headers: user.auth,
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([204, 409]);
    expect(
      await prisma.membership.count({ where: { workspaceId: team.workspace.id, role: "owner" } }),
    ).toBe(1);
  });

  it("transferring ownership makes the other member owner and the old owner a moderator", async () => {
    const team = await makeTeam();
    const response = await call(transferRoute, {
      method: "POST",
      params: { id: team.workspace.id },
      json: { userId: team.member.id },
      headers: team.owner.auth,
    });
    expect(response.status).toBe(200);
    const roles = await prisma.membership.findMany({
      where: { workspaceId: team.workspace.id, userId: { in: [team.owner.id, team.member.id] } },
    });
    expect(Object.fromEntries(roles.map((row) => [row.userId, row.role]))).toEqual({
      [team.owner.id]: "moderator",
      [team.member.id]: "owner",
    });
  });

  it("moderators remove members but not other moderators or owners", async () => {
    const team = await makeTeam();
    const remove = (userId: string) =>
      call(removeMemberRoute, {
        method: "DELETE",
        params: { id: team.workspace.id, userId },
        headers: team.moderator.auth,
      });
    expect((await remove(team.owner.id)).status).toBe(403);
    expect((await remove(team.member.id)).status).toBe(204);
    const removed = await call(getWorkspaceRoute, {
      params: { id: team.workspace.id },
      headers: team.member.auth,
    });
    expect(removed.status).toBe(404);
  });
});

describe("invites", () => {
  it("a second person joins by link and reads the workspace's documents", async () => {
    const team = await makeTeam();
    const invite = await call(inviteRoute, {
      method: "POST",
      params: { id: team.workspace.id },
      json: {},
      url: "http://glossa.test/api/v1/x",
      headers: team.owner.auth,
    });
    expect(invite.status).toBe(201);
    expect(invite.body.url).toBe(`http://glossa.test/invite/${invite.body.code}`);
    const newcomer = await makeUser();
    expect(
      (await call(getDocumentRoute, { params: { id: team.document.id }, headers: newcomer.auth }))
        .status,
    ).toBe(404);
    const accepted = await call(acceptRoute, {
      method: "POST",
      params: { code: invite.body.code },
      headers: newcomer.auth,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      workspaceId: team.workspace.id,
      role: "member",
      joined: true,
    });
    expect(
      (await call(getDocumentRoute, { params: { id: team.document.id }, headers: newcomer.auth }))
        .status,
    ).toBe(200);
    const again = await call(acceptRoute, {
      method: "POST",
      params: { code: invite.body.code },
      headers: newcomer.auth,
    });
    expect(again.body.joined).toBe(false);
    expect(await prisma.invite.findUniqueOrThrow({ where: { id: invite.body.id } })).toMatchObject({
      uses: 1,
    });
  });

  it("expired, revoked, used-up and unknown codes all answer the same 404", async () => {
    const team = await makeTeam();
    const expired = await makeInvite(team.workspace.id, { expiresAt: new Date(Date.now() - 1000) });
    const revoked = await makeInvite(team.workspace.id, { revokedAt: new Date() });
    const usedUp = await makeInvite(team.workspace.id, { maxUses: 1 });
    const first = await makeUser();
    expect(
      (
        await call(acceptRoute, {
          method: "POST",
          params: { code: usedUp.code },
          headers: first.auth,
        })
      ).status,
    ).toBe(200);
    const user = await makeUser();
    const messages = new Set<string>();
    for (const code of [expired.code, revoked.code, usedUp.code, "NoSuchCodeAtAll1234"]) {
      const response = await call(acceptRoute, {
        method: "POST",
        params: { code },
        headers: user.auth,
      });
      expect(response.status).toBe(404);
      messages.add(response.body.error.message);
    }
    expect(messages.size).toBe(1);
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it("reset revokes the open links; revoke stops one link", async () => {
    const team = await makeTeam();
    const old = await makeInvite(team.workspace.id);
    const other = await makeInvite(team.workspace.id);
    const reset = await call(inviteRoute, {
      method: "POST",
      params: { id: team.workspace.id },
      json: { revokeOthers: true },
      headers: team.moderator.auth,
    });
    expect(reset.status).toBe(201);
    const user = await makeUser();
    expect(
      (await call(acceptRoute, { method: "POST", params: { code: old.code }, headers: user.auth }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(acceptRoute, {
          method: "POST",
          params: { code: other.code },
          headers: user.auth,
        })
      ).status,
    ).toBe(404);
    const revoke = await call(revokeInviteRoute, {
      method: "DELETE",
      params: { id: team.workspace.id, inviteId: reset.body.id },
      headers: team.owner.auth,
    });
    expect(revoke.status).toBe(204);
    expect(
      (
        await call(acceptRoute, {
          method: "POST",
          params: { code: reset.body.code },
          headers: user.auth,
        })
      ).status,
    ).toBe(404);
  });
});

describe("IDOR replay: user B replays user A's requests with A's ids", () => {
  it("gets 404 everywhere and changes nothing", async () => {
    const a = await makeTeam();
    const b = await makeUser();
    const bWorkspace = await makeWorkspace();
    await addMember(bWorkspace.id, b.id, "owner");
    const aToken = await prisma.apiToken.findFirstOrThrow({ where: { userId: a.owner.id } });
    const aInvite = await makeInvite(a.workspace.id);

    const replays = [
      call(getWorkspaceRoute, { params: { id: a.workspace.id }, headers: b.auth }),
      call(updateWorkspaceRoute, {
        method: "PATCH",
        params: { id: a.workspace.id },
        json: { name: "Pwned" },
        headers: b.auth,
      }),
      call(listMembersRoute, { params: { id: a.workspace.id }, headers: b.auth }),
      call(changeRoleRoute, {
        method: "PATCH",
        params: { id: a.workspace.id, userId: b.id },
        json: { role: "owner" },
        headers: b.auth,
      }),
      call(removeMemberRoute, {
        method: "DELETE",
        params: { id: a.workspace.id, userId: a.member.id },
        headers: b.auth,
      }),
      call(transferRoute, {
        method: "POST",
        params: { id: a.workspace.id },
        json: { userId: b.id },
        headers: b.auth,
      }),
      call(inviteRoute, {
        method: "POST",
        params: { id: a.workspace.id },
        json: {},
        headers: b.auth,
      }),
      call(revokeInviteRoute, {
        method: "DELETE",
        params: { id: a.workspace.id, inviteId: aInvite.id },
        headers: b.auth,
      }),
      // A's invite id replayed against B's own workspace
      call(revokeInviteRoute, {
        method: "DELETE",
        params: { id: bWorkspace.id, inviteId: aInvite.id },
        headers: b.auth,
      }),
      call(listDocumentsRoute, { params: { id: a.workspace.id }, headers: b.auth }),
      call(addDocumentRoute, {
        method: "POST",
        params: { id: a.workspace.id },
        json: { text: "x" },
        headers: b.auth,
      }),
      call(getDocumentRoute, { params: { id: a.document.id }, headers: b.auth }),
      call(revokeTokenRoute, { method: "DELETE", params: { id: aToken.id }, headers: b.auth }),
    ];
    for (const response of await Promise.all(replays)) {
      expect(response.status, JSON.stringify(response.body)).toBe(404);
    }
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: a.workspace.id } })).name).toBe(
      a.workspace.name,
    );
    expect(await prisma.membership.count({ where: { workspaceId: a.workspace.id } })).toBe(5);
    expect(
      (await prisma.invite.findUniqueOrThrow({ where: { id: aInvite.id } })).revokedAt,
    ).toBeNull();
    expect(
      (await prisma.apiToken.findUniqueOrThrow({ where: { id: aToken.id } })).revokedAt,
    ).toBeNull();
    const list = await call(listWorkspacesRoute, { headers: b.auth });
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([bWorkspace.id]);
  });
});
