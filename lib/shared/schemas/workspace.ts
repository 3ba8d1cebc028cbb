import { z } from "zod";

export const workspaceSettingsSchema = z
  .object({
    /** Members (not only owners and moderators) may add documents. */
    membersMayAddDocuments: z.boolean().default(false),
  })
  .strip();
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export const workspaceNameSchema = z.string().trim().min(1, "Give the workspace a name").max(120);

export const createWorkspaceSchema = z
  .object({ name: workspaceNameSchema, kind: z.enum(["team", "class"]).default("team") })
  .strict();

export const updateWorkspaceSchema = z
  .object({
    name: workspaceNameSchema.optional(),
    kind: z.enum(["team", "class"]).optional(),
    settings: z.object({ membersMayAddDocuments: z.boolean().optional() }).strict().optional(),
  })
  .strict();

export const roleSchema = z.enum(["owner", "moderator", "member"]);

export const changeMemberSchema = z.object({ role: roleSchema }).strict();

export const createInviteSchema = z
  .object({
    role: z.enum(["moderator", "member"]).default("member"),
    /** Days until the invite expires: 1 to 30, default 7. */
    expiresInDays: z.number().int().min(1).max(30).default(7),
    maxUses: z.number().int().min(1).max(1000).nullish(),
    /** Revoke the workspace's other open invites (a "reset"). */
    revokeOthers: z.boolean().default(false),
  })
  .strict();

export const transferOwnershipSchema = z.object({ userId: z.string().min(1).max(64) }).strict();
