import "server-only";

import type { Action } from "@/lib/server/permissions";

// Every /api/v1 route declares here who may call it. The wrapper enforces `access` (public,
// signed in, or a member of the workspace the route is about); services enforce the `action`
// through lib/server/permissions.ts on membership-scoped queries. The authorization matrix
// test reads this table, enumerates app/api itself, and fails for a route without a policy.

export type RoutePolicy =
  | { access: "public"; note?: string }
  | { access: "signed-in"; note?: string }
  /** A member of the route's workspace (found from the workspace, document, … in the path). */
  | { access: "member"; action: Action; note?: string };

export const ROUTE_POLICIES = {
  "GET /api/v1/health": { access: "public" },
  "GET /api/v1/openapi.json": { access: "public" },
  "POST /api/v1/users": { access: "public" },
  "GET /api/v1/me": { access: "signed-in" },
  "PATCH /api/v1/me": { access: "signed-in" },
  "POST /api/v1/me/password": { access: "signed-in" },
  "GET /api/v1/tokens": { access: "signed-in" },
  "POST /api/v1/tokens": { access: "signed-in" },
  "DELETE /api/v1/tokens/{id}": {
    access: "signed-in",
    note: "own tokens only; others' answer 404",
  },
  "GET /api/v1/workspaces": { access: "signed-in" },
  "POST /api/v1/workspaces": { access: "signed-in" },
  "GET /api/v1/workspaces/{id}": { access: "member", action: "workspace.read" },
  "PATCH /api/v1/workspaces/{id}": { access: "member", action: "workspace.update" },
  "GET /api/v1/workspaces/{id}/members": { access: "member", action: "members.read" },
  "PATCH /api/v1/workspaces/{id}/members/{userId}": {
    access: "member",
    action: "members.changeRole",
  },
  "DELETE /api/v1/workspaces/{id}/members/{userId}": {
    access: "member",
    action: "members.remove",
    note: "removing yourself is leaving, open to every member",
  },
  "POST /api/v1/workspaces/{id}/transfer": { access: "member", action: "ownership.transfer" },
  "GET /api/v1/workspaces/{id}/invites": { access: "member", action: "invites.manage" },
  "POST /api/v1/workspaces/{id}/invites": { access: "member", action: "invites.manage" },
  "DELETE /api/v1/workspaces/{id}/invites/{inviteId}": {
    access: "member",
    action: "invites.manage",
  },
  "POST /api/v1/invites/{code}/accept": { access: "signed-in" },
  "GET /api/v1/workspaces/{id}/documents": { access: "member", action: "documents.read" },
  "POST /api/v1/workspaces/{id}/documents": { access: "member", action: "documents.create" },
  "GET /api/v1/documents/{id}": { access: "member", action: "documents.read" },
  "PUT /api/v1/documents/{id}": { access: "member", action: "documents.revise" },
  "GET /api/v1/documents/{id}/annotations": {
    access: "member",
    action: "documents.read",
    note: "private annotations appear to their author only",
  },
  "POST /api/v1/documents/{id}/annotations": { access: "member", action: "annotations.create" },
  "GET /api/v1/documents/{id}/events": {
    access: "member",
    action: "documents.read",
    note: "each event only as REST would show it to the reader",
  },
  "POST /api/v1/documents/{id}/spotlight": {
    access: "member",
    action: "annotations.moderate",
  },
  "GET /api/v1/annotations/{id}": {
    access: "member",
    action: "documents.read",
    note: "private: author only",
  },
  "PATCH /api/v1/annotations/{id}": {
    access: "member",
    action: "annotations.moderate",
    note: "comment, tags and visibility: the author; status: the author, moderators, owners",
  },
  "DELETE /api/v1/annotations/{id}": {
    access: "member",
    action: "annotations.moderate",
    note: "or the author",
  },
  "GET /api/v1/annotations/{id}/replies": {
    access: "member",
    action: "documents.read",
    note: "private annotation: author only",
  },
  "POST /api/v1/annotations/{id}/replies": {
    access: "member",
    action: "annotations.create",
    note: "private annotation: author only",
  },
  "PATCH /api/v1/replies/{id}": {
    access: "member",
    action: "annotations.create",
    note: "the reply's author only",
  },
  "DELETE /api/v1/replies/{id}": {
    access: "member",
    action: "annotations.moderate",
    note: "or the reply's author",
  },
  "GET /api/v1/notifications": { access: "signed-in", note: "own notifications only" },
  "POST /api/v1/notifications/read": { access: "signed-in", note: "own notifications only" },
  "GET /api/v1/workspaces/{id}/tags": { access: "member", action: "workspace.read" },
  "POST /api/v1/workspaces/{id}/tags": { access: "member", action: "tags.create" },
  "PATCH /api/v1/tags/{id}": { access: "member", action: "tags.manage" },
  "DELETE /api/v1/tags/{id}": { access: "member", action: "tags.manage" },
  "POST /api/v1/tags/{id}/merge": { access: "member", action: "tags.manage" },
  "GET /api/v1/documents/{id}/export": {
    access: "member",
    action: "export.run",
    note: "only what the requester can read: others' private annotations never",
  },
  "GET /api/v1/documents/{id}/export/count": { access: "member", action: "export.run" },
  "GET /api/v1/workspaces/{id}/export": {
    access: "member",
    action: "export.run",
    note: "only what the requester can read: others' private annotations never",
  },
  "GET /api/v1/workspaces/{id}/export/count": { access: "member", action: "export.run" },
  "POST /api/v1/workspaces/{id}/import": {
    access: "member",
    action: "annotations.create",
    note: "the importer becomes the author; the original names are kept as importedAuthor",
  },
} as const satisfies Record<string, RoutePolicy>;

export type RouteKey = keyof typeof ROUTE_POLICIES;
