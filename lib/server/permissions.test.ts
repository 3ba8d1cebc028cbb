import { describe, expect, it } from "vitest";

import {
  ACTIONS,
  can,
  canSeeAnnotation,
  ROLE_ACTIONS,
  type MembershipContext,
  type Role,
} from "./permissions";

const as = (role: Role, membersMayAddDocuments = false): MembershipContext => ({
  userId: "me",
  workspaceId: "w",
  role,
  settings: { membersMayAddDocuments },
});

describe("can()", () => {
  it("denies everything to a non-member", () => {
    for (const action of ACTIONS) expect(can(null, action)).toBe(false);
  });

  it("gives owners every action and every action a role", () => {
    for (const action of ACTIONS) {
      expect(can(as("owner"), action, { targetRole: "member", targetUserId: "other" })).toBe(true);
      expect(ROLE_ACTIONS[action].length).toBeGreaterThan(0);
    }
  });

  it("lets members add documents only when the workspace allows it", () => {
    expect(can(as("member"), "documents.create")).toBe(false);
    expect(can(as("member", true), "documents.create")).toBe(true);
    expect(can(as("moderator"), "documents.create")).toBe(true);
  });

  it("lets moderators remove members but not moderators, owners or themselves", () => {
    expect(
      can(as("moderator"), "members.remove", { targetRole: "member", targetUserId: "x" }),
    ).toBe(true);
    expect(
      can(as("moderator"), "members.remove", { targetRole: "moderator", targetUserId: "x" }),
    ).toBe(false);
    expect(can(as("moderator"), "members.remove", { targetRole: "owner", targetUserId: "x" })).toBe(
      false,
    );
    expect(can(as("owner"), "members.remove", { targetRole: "member", targetUserId: "me" })).toBe(
      false,
    );
    expect(can(as("member"), "members.remove", { targetRole: "member", targetUserId: "x" })).toBe(
      false,
    );
  });

  it("keeps roles, settings, ownership and participation to the right people", () => {
    expect(can(as("moderator"), "members.changeRole")).toBe(false);
    expect(can(as("moderator"), "workspace.update")).toBe(false);
    expect(can(as("moderator"), "ownership.transfer")).toBe(false);
    expect(can(as("moderator"), "participation.read")).toBe(true);
    expect(can(as("member"), "participation.read")).toBe(false);
    expect(can(as("member"), "invites.manage")).toBe(false);
    expect(can(as("member"), "annotations.create")).toBe(true);
  });
});

describe("canSeeAnnotation()", () => {
  it("shows private annotations to their author alone", () => {
    expect(canSeeAnnotation(as("member"), { authorId: "me", visibility: "private" })).toBe(true);
    expect(canSeeAnnotation(as("owner"), { authorId: "someone", visibility: "private" })).toBe(
      false,
    );
    expect(canSeeAnnotation(as("member"), { authorId: "someone", visibility: "workspace" })).toBe(
      true,
    );
    expect(canSeeAnnotation(null, { authorId: "me", visibility: "workspace" })).toBe(false);
  });
});
