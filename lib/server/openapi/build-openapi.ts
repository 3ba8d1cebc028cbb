import "server-only";

import { z } from "zod";

import { ROUTE_POLICIES, type RouteKey } from "@/lib/server/http/route-policies";
import {
  createAnnotationSchema,
  createTagSchema,
  mergeTagSchema,
  updateAnnotationSchema,
  updateTagSchema,
} from "@/lib/shared/schemas/annotation";
import {
  createReplySchema,
  markNotificationsReadSchema,
  updateReplySchema,
} from "@/lib/shared/schemas/comment";
import { createDocumentSchema, reviseDocumentSchema } from "@/lib/shared/schemas/document";
import {
  changePasswordSchema,
  createTokenSchema,
  signUpSchema,
  updateProfileSchema,
} from "@/lib/shared/schemas/user";
import {
  changeMemberSchema,
  createInviteSchema,
  createWorkspaceSchema,
  transferOwnershipSchema,
  updateWorkspaceSchema,
} from "@/lib/shared/schemas/workspace";

// The public contract as OpenAPI 3.1, served at GET /api/v1/openapi.json. One entry per route
// of ROUTE_POLICIES (the type makes a missing one a compile error); request bodies come from
// the zod schemas the handlers validate with. A test checks it against app/api/v1 too.

const fromZod = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (item: object) => ({
  type: "object",
  properties: { items: { type: "array", items: item }, nextCursor: { type: ["string", "null"] } },
});

interface RouteDoc {
  summary: string;
  body?: z.ZodType | object;
  multipart?: object;
  status?: number;
  response?: object;
  query?: object[];
  errors: number[];
}

/** The export's query: a format and the filters (docs/api.md, "Export and import"). */
const exportQuery = [
  {
    name: "format",
    in: "query",
    schema: { type: "string", enum: ["csv", "md", "jsonld", "docx", "codebook"], default: "csv" },
  },
  {
    name: "tag",
    in: "query",
    schema: { type: "string" },
    description: "tag names (any of): comma-separated or repeated",
  },
  {
    name: "author",
    in: "query",
    schema: { type: "string" },
    description: "user ids (any of): comma-separated or repeated",
  },
  { name: "mine", in: "query", schema: { type: "boolean" } },
  { name: "status", in: "query", schema: { type: "string", enum: ["open", "resolved"] } },
  { name: "q", in: "query", schema: { type: "string", maxLength: 200 } },
  {
    name: "from",
    in: "query",
    schema: { type: "string" },
    description: "made on or after: a day (2026-11-28, UTC) or an ISO 8601 time",
  },
  {
    name: "to",
    in: "query",
    schema: { type: "string" },
    description: "made before the end of this day, or before this time",
  },
  {
    name: "replies",
    in: "query",
    schema: { type: "boolean" },
    description: "include threads (default: yes for md, docx, jsonld; no for csv)",
  },
  {
    name: "private",
    in: "query",
    schema: { type: "boolean", default: true },
    description: "include your own private annotations",
  },
];
const exportCount = {
  type: "object",
  properties: {
    total: { type: "integer" },
    filename: { type: "string" },
    replies: { type: "boolean" },
  },
};
const importReport = {
  type: "object",
  properties: {
    format: { type: "string", enum: ["w3c", "hypothesis"] },
    imported: { type: "integer" },
    exact: { type: "integer" },
    fuzzy: { type: "integer" },
    orphaned: { type: "integer" },
    replies: { type: "integer" },
    duplicates: { type: "integer" },
    documents: { type: "array", items: { type: "object" } },
    unmatched: { type: "array", items: { type: "object" } },
    skipped: { type: "array", items: { type: "object" } },
  },
};

const pageQuery = [
  {
    name: "limit",
    in: "query",
    schema: { type: "integer", minimum: 1, maximum: 500, default: 50 },
  },
  { name: "cursor", in: "query", schema: { type: "string" } },
];

const DOCS: Record<RouteKey, RouteDoc> = {
  "GET /api/v1/health": {
    summary: 'Is the app and its database up? 200 {ok: true, db: "up"} or 503.',
    errors: [],
  },
  "GET /api/v1/openapi.json": { summary: "This document", errors: [] },
  "POST /api/v1/users": {
    summary: "Sign up (GLOSSA_SIGNUP=closed needs `invite`)",
    body: signUpSchema,
    status: 201,
    response: ref("User"),
    errors: [403, 409, 422, 429],
  },
  "GET /api/v1/me": { summary: "The signed-in user", response: ref("User"), errors: [401] },
  "PATCH /api/v1/me": {
    summary: "Change your name",
    body: updateProfileSchema,
    response: ref("User"),
    errors: [401, 422],
  },
  "POST /api/v1/me/password": {
    summary: "Change your password; other sessions end",
    body: changePasswordSchema,
    errors: [401, 422],
  },
  "GET /api/v1/tokens": {
    summary: "Your personal access tokens (never the secrets)",
    response: list(ref("Token")),
    errors: [401],
  },
  "POST /api/v1/tokens": {
    summary: "Create a token; `token` is in this reply only",
    body: createTokenSchema,
    status: 201,
    response: ref("Token"),
    errors: [401, 422, 429],
  },
  "DELETE /api/v1/tokens/{id}": {
    summary: "Revoke one of your tokens",
    status: 204,
    errors: [401, 404],
  },
  "GET /api/v1/workspaces": {
    summary: "Your workspaces",
    response: list(ref("Workspace")),
    errors: [401],
  },
  "POST /api/v1/workspaces": {
    summary: "Create a workspace (it starts with the seed article)",
    body: createWorkspaceSchema,
    status: 201,
    response: ref("Workspace"),
    errors: [401, 422],
  },
  "GET /api/v1/workspaces/{id}": {
    summary: "A workspace, with your role and abilities",
    response: ref("Workspace"),
    errors: [401, 404],
  },
  "PATCH /api/v1/workspaces/{id}": {
    summary: "Rename, change kind or settings (owners)",
    body: updateWorkspaceSchema,
    response: ref("Workspace"),
    errors: [401, 403, 404, 422],
  },
  "GET /api/v1/workspaces/{id}/members": {
    summary: "Members and their roles",
    response: list(ref("Member")),
    errors: [401, 404],
  },
  "PATCH /api/v1/workspaces/{id}/members/{userId}": {
    summary: "Change a member's role (owners)",
    body: changeMemberSchema,
    errors: [401, 403, 404, 409, 422],
  },
  "DELETE /api/v1/workspaces/{id}/members/{userId}": {
    summary: "Remove a member, or leave (your own id); the last owner cannot",
    status: 204,
    errors: [401, 403, 404, 409],
  },
  "POST /api/v1/workspaces/{id}/transfer": {
    summary: "Hand ownership to `userId`; you become moderator",
    body: transferOwnershipSchema,
    errors: [401, 403, 404, 422],
  },
  "GET /api/v1/workspaces/{id}/invites": {
    summary: "Invite links (without their codes)",
    response: list(ref("Invite")),
    errors: [401, 403, 404],
  },
  "POST /api/v1/workspaces/{id}/invites": {
    summary: "New invite `{code, url, expiresAt}`; `revokeOthers` resets the open links",
    body: createInviteSchema,
    status: 201,
    errors: [401, 403, 404, 422],
  },
  "DELETE /api/v1/workspaces/{id}/invites/{inviteId}": {
    summary: "Revoke an invite link",
    status: 204,
    errors: [401, 403, 404],
  },
  "POST /api/v1/invites/{code}/accept": {
    summary: "Join the invite's workspace",
    errors: [401, 404],
  },
  "GET /api/v1/workspaces/{id}/documents": {
    summary: "A workspace's documents, newest first",
    query: pageQuery,
    response: list(ref("DocumentSummary")),
    errors: [400, 401, 404],
  },
  "POST /api/v1/workspaces/{id}/documents": {
    summary:
      "Add a document from text, Markdown or HTML (JSON) or an uploaded .txt/.md/.html file (multipart)",
    body: createDocumentSchema,
    multipart: {
      type: "object",
      required: ["file"],
      properties: { file: { type: "string", format: "binary" }, title: { type: "string" } },
    },
    status: 201,
    response: ref("Document"),
    errors: [400, 401, 403, 404, 413, 415, 422],
  },
  "PUT /api/v1/documents/{id}": {
    summary:
      "A new revision `{text | markdown | html, title?}`; every annotation is re-anchored → `{revisionId, revisionNumber, reanchored: {exact, fuzzy, orphaned}}`",
    body: reviseDocumentSchema,
    errors: [401, 403, 404, 413, 422],
  },
  "GET /api/v1/documents/{id}/annotations": {
    summary:
      "Annotations you can see, in document order; filters tag (comma list), author, mine, status, q",
    query: [
      ...pageQuery,
      {
        name: "tag",
        in: "query",
        schema: { type: "string" },
        description: "tag names, comma-separated (any of)",
      },
      { name: "author", in: "query", schema: { type: "string" } },
      { name: "mine", in: "query", schema: { type: "boolean" } },
      { name: "status", in: "query", schema: { enum: ["open", "resolved"] } },
      { name: "q", in: "query", schema: { type: "string" } },
    ],
    response: list(ref("Annotation")),
    errors: [400, 401, 404],
  },
  "POST /api/v1/documents/{id}/annotations": {
    summary: "Highlight a passage; quote.exact must occur in the current revision (else 422)",
    body: createAnnotationSchema,
    status: 201,
    response: ref("Annotation"),
    errors: [401, 403, 404, 422],
  },
  "GET /api/v1/documents/{id}/events": {
    summary:
      "Server-Sent Events: every change to the document as it happens (id = sequence number, event = type, data = the resource as REST shows it to you); resume with Last-Event-ID or ?lastEventId=; a comment line every 15 s",
    query: [{ name: "lastEventId", in: "query", schema: { type: "string" } }],
    response: { type: "string", description: "text/event-stream" },
    errors: [400, 401, 404],
  },
  "POST /api/v1/documents/{id}/spotlight": {
    summary:
      "Spotlight `{annotationId}` (owners, moderators): every present reader who follows is brought to it (event `annotation.spotlighted`); private annotations cannot be → 202 `{annotationId, seq}`",
    body: z.object({ annotationId: z.string() }),
    status: 202,
    response: {
      type: "object",
      properties: { annotationId: { type: "string" }, seq: { type: "string" } },
    },
    errors: [401, 403, 404, 422],
  },
  "GET /api/v1/annotations/{id}": {
    summary: "One annotation",
    response: ref("Annotation"),
    errors: [401, 404],
  },
  "PATCH /api/v1/annotations/{id}": {
    summary:
      "Change the comment (Tiptap JSON, or null to remove), tags or visibility (author); status (author, moderators, owners)",
    body: updateAnnotationSchema,
    response: ref("Annotation"),
    errors: [401, 403, 404, 422],
  },
  "DELETE /api/v1/annotations/{id}": {
    summary: "Delete (author, moderators, owners)",
    status: 204,
    errors: [401, 403, 404],
  },
  "GET /api/v1/annotations/{id}/replies": {
    summary: "The annotation's thread, oldest first; deleted replies stay as tombstones",
    query: pageQuery,
    response: list(ref("Reply")),
    errors: [400, 401, 404],
  },
  "POST /api/v1/annotations/{id}/replies": {
    summary:
      "Reply `{body: Tiptap JSON, parentId?}`; the body is validated against the editor's schema (else 422) and rendered by the server; mentions and participants are notified",
    body: createReplySchema,
    status: 201,
    response: ref("Reply"),
    errors: [401, 403, 404, 422],
  },
  "PATCH /api/v1/replies/{id}": {
    summary: "Edit a reply `{body}` (its author); marked edited",
    body: updateReplySchema,
    response: ref("Reply"),
    errors: [401, 403, 404, 422],
  },
  "DELETE /api/v1/replies/{id}": {
    summary: "Delete a reply (its author, moderators, owners): a tombstone keeps the thread whole",
    status: 204,
    errors: [401, 403, 404],
  },
  "GET /api/v1/notifications": {
    summary:
      "Your notifications (mentions, replies), newest first, with `unreadCount`; `?unread=true` for unread ones only",
    query: [...pageQuery, { name: "unread", in: "query", schema: { type: "boolean" } }],
    response: {
      type: "object",
      properties: {
        items: { type: "array", items: ref("Notification") },
        unreadCount: { type: "integer" },
        nextCursor: { type: ["string", "null"] },
      },
    },
    errors: [400, 401],
  },
  "POST /api/v1/notifications/read": {
    summary: "Mark notifications read: `{ids}`, or all without ids → `{updated}`",
    body: markNotificationsReadSchema,
    response: { type: "object", properties: { updated: { type: "integer" } } },
    errors: [401, 422],
  },
  "GET /api/v1/workspaces/{id}/tags": {
    summary: "The tag vocabulary with usage counts",
    response: list(ref("Tag")),
    errors: [401, 404],
  },
  "POST /api/v1/workspaces/{id}/tags": {
    summary: "Create a tag",
    body: createTagSchema,
    status: 201,
    response: ref("Tag"),
    errors: [401, 404, 409, 422],
  },
  "PATCH /api/v1/tags/{id}": {
    summary: "Rename, recolour, describe (owners, moderators)",
    body: updateTagSchema,
    response: ref("Tag"),
    errors: [401, 403, 404, 409, 422],
  },
  "DELETE /api/v1/tags/{id}": {
    summary: "Delete a tag (owners, moderators)",
    status: 204,
    errors: [401, 403, 404],
  },
  "POST /api/v1/tags/{id}/merge": {
    summary: "Merge into `into` (owners, moderators)",
    body: mergeTagSchema,
    response: ref("Tag"),
    errors: [401, 403, 404, 422],
  },
  "GET /api/v1/documents/{id}": {
    summary:
      "A document with its current revision's text, or with revision `?revision=N` (an addition: exports pin the revision they read)",
    query: [{ name: "revision", in: "query", schema: { type: "integer", minimum: 1 } }],
    response: ref("Document"),
    errors: [401, 404],
  },
  "GET /api/v1/documents/{id}/export": {
    summary:
      "The document's annotations you can read, streamed: csv (a row each), md and docx (clip books by tag), jsonld (a W3C AnnotationCollection), codebook (the tags as CSV); header X-Glossa-Export-Total",
    query: exportQuery,
    response: { type: "string", description: "the file (Content-Disposition: attachment)" },
    errors: [400, 401, 404],
  },
  "GET /api/v1/documents/{id}/export/count": {
    summary: "What the same export would hold (for a preview)",
    query: exportQuery,
    response: exportCount,
    errors: [400, 401, 404],
  },
  "GET /api/v1/workspaces/{id}/export": {
    summary: "The same across every document of the workspace",
    query: exportQuery,
    response: { type: "string", description: "the file (Content-Disposition: attachment)" },
    errors: [400, 401, 404],
  },
  "GET /api/v1/workspaces/{id}/export/count": {
    summary: "What the same export would hold (for a preview)",
    query: exportQuery,
    response: exportCount,
    errors: [400, 401, 404],
  },
  "POST /api/v1/workspaces/{id}/import": {
    summary:
      "Import W3C Web Annotation JSON-LD (a collection, page, annotation or array) or Hypothesis JSON (client export or API {total, rows}), sent as the body (application/json or application/ld+json, ≤ 25 MB); `?visibility=private` keeps them to you. Each goes to the document with the same source URL or title, anchored by its quote → a report",
    body: { type: "object", description: "the file's JSON" },
    query: [
      {
        name: "visibility",
        in: "query",
        schema: { type: "string", enum: ["workspace", "private"], default: "workspace" },
      },
    ],
    response: importReport,
    errors: [400, 401, 404, 413, 415, 422],
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request",
  401: "Not signed in",
  403: "Signed in, not allowed",
  404: "Missing or not visible",
  409: "Conflict",
  413: "Too large",
  415: "Wrong content type",
  422: "Valid JSON that breaks a rule",
  429: "Rate limited (Retry-After)",
};

const schemas = {
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { type: "string", example: "not_found" },
          message: { type: "string" },
          details: {
            type: "array",
            items: {
              type: "object",
              properties: { path: { type: "string" }, message: { type: "string" } },
            },
          },
        },
      },
    },
  },
  User: {
    type: "object",
    properties: {
      id: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      createdAt: { type: "string", format: "date-time" },
    },
  },
  Token: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      prefix: { type: "string" },
      token: { type: "string", description: "only when created" },
      lastUsedAt: { type: ["string", "null"] },
      expiresAt: { type: ["string", "null"] },
      revokedAt: { type: ["string", "null"] },
    },
  },
  Workspace: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      kind: { enum: ["team", "class"] },
      role: { enum: ["owner", "moderator", "member"] },
      settings: { type: "object", properties: { membersMayAddDocuments: { type: "boolean" } } },
      memberCount: { type: "integer" },
      documentCount: { type: "integer" },
      abilities: { type: "object", additionalProperties: { type: "boolean" } },
    },
  },
  Member: {
    type: "object",
    properties: {
      userId: { type: "string" },
      name: { type: "string" },
      email: { type: "string" },
      role: { enum: ["owner", "moderator", "member"] },
      joinedAt: { type: "string" },
      abilities: { type: "object" },
    },
  },
  Invite: {
    type: "object",
    properties: {
      id: { type: "string" },
      role: { type: "string" },
      expiresAt: { type: "string" },
      uses: { type: "integer" },
      state: { enum: ["open", "expired", "revoked", "used up"] },
    },
  },
  DocumentSummary: {
    type: "object",
    properties: {
      id: { type: "string" },
      workspaceId: { type: "string" },
      title: { type: "string" },
      source: { type: "object" },
      revisionId: { type: "string" },
      wordCount: { type: "integer" },
      excerpt: { type: "string" },
    },
  },
  Annotation: {
    type: "object",
    properties: {
      id: { type: "string" },
      documentId: { type: "string" },
      revisionId: { type: "string" },
      author: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
      target: {
        type: "object",
        properties: {
          quote: {
            type: "object",
            properties: {
              exact: { type: "string" },
              prefix: { type: "string" },
              suffix: { type: "string" },
            },
          },
          position: {
            type: ["object", "null"],
            properties: { start: { type: "integer" }, end: { type: "integer" } },
          },
        },
      },
      anchor: {
        type: "object",
        properties: {
          state: { enum: ["exact", "fuzzy", "orphaned"] },
          score: { type: "number" },
          start: { type: ["integer", "null"] },
          end: { type: ["integer", "null"] },
        },
      },
      tags: { type: "array", items: { type: "string" } },
      visibility: { enum: ["workspace", "private"] },
      status: { enum: ["open", "resolved"] },
      body: { type: ["object", "null"], description: "Tiptap JSON of the comment" },
      bodyHtml: {
        type: ["string", "null"],
        description: "HTML rendered by the server from the validated body",
      },
      replyCount: { type: "integer" },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      editedAt: { type: ["string", "null"], format: "date-time" },
      importedAuthor: {
        type: ["string", "null"],
        description: "imported from another tool: who made it there (author is the importer)",
      },
      abilities: { type: "object", additionalProperties: { type: "boolean" } },
    },
  },
  Reply: {
    type: "object",
    properties: {
      id: { type: "string" },
      annotationId: { type: "string" },
      parentId: { type: ["string", "null"] },
      author: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
      body: { type: ["object", "null"], description: "Tiptap JSON; null when deleted" },
      bodyHtml: {
        type: ["string", "null"],
        description: "rendered by the server; null when deleted",
      },
      deleted: { type: "boolean" },
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
      editedAt: { type: ["string", "null"], format: "date-time" },
      importedAuthor: {
        type: ["string", "null"],
        description: "imported from another tool: who wrote it there (author is the importer)",
      },
      abilities: { type: "object", additionalProperties: { type: "boolean" } },
    },
  },
  Notification: {
    type: "object",
    properties: {
      id: { type: "string" },
      kind: { enum: ["mention", "reply"] },
      read: { type: "boolean" },
      createdAt: { type: "string", format: "date-time" },
      actor: {
        type: ["object", "null"],
        properties: { id: { type: "string" }, name: { type: "string" } },
      },
      annotation: {
        type: "object",
        properties: {
          id: { type: "string" },
          documentId: { type: "string" },
          documentTitle: { type: "string" },
          quote: { type: "string" },
        },
      },
      reply: {
        type: ["object", "null"],
        properties: { id: { type: "string" }, excerpt: { type: "string" } },
      },
      url: { type: "string", description: "the reader, focused on the annotation" },
    },
  },
  Tag: {
    type: "object",
    properties: {
      id: { type: "string" },
      name: { type: "string" },
      color: { type: "string" },
      description: { type: "string" },
      count: { type: "integer" },
    },
  },
  Document: {
    type: "object",
    properties: {
      id: { type: "string" },
      workspaceId: { type: "string" },
      title: { type: "string" },
      source: {
        type: "object",
        properties: {
          url: { type: ["string", "null"] },
          author: { type: ["string", "null"] },
          publisher: { type: ["string", "null"] },
          publishedAt: { type: ["string", "null"] },
        },
      },
      revisionId: { type: "string" },
      revisionNumber: { type: "integer" },
      text: {
        type: "string",
        description:
          'Canonical text: blocks joined by "\\n\\n"; offsets are UTF-16 indexes into it.',
      },
      blocks: {
        type: "array",
        items: {
          type: "object",
          properties: {
            type: { enum: ["paragraph", "heading", "quote", "list-item", "code"] },
            level: { type: "integer" },
          },
        },
      },
      abilities: { type: "object", additionalProperties: { type: "boolean" } },
    },
  },
};

export function buildOpenApi(): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, doc] of Object.entries(DOCS) as Array<[RouteKey, RouteDoc]>) {
    const [method, path] = key.split(" ") as [string, string];
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const content: Record<string, unknown> = {};
    if (doc.body)
      content["application/json"] = {
        schema: doc.body instanceof z.ZodType ? fromZod(doc.body) : doc.body,
      };
    if (doc.multipart) content["multipart/form-data"] = { schema: doc.multipart };
    const status = String(doc.status ?? 200);
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: doc.summary,
      security: ROUTE_POLICIES[key].access === "public" ? [] : [{ bearer: [] }, { session: [] }],
      parameters: [...parameters, ...(doc.query ?? [])],
      ...(doc.body && { requestBody: { required: true, content } }),
      responses: {
        [status]: {
          description: status === "204" ? "Done" : "OK",
          ...(doc.response && { content: { "application/json": { schema: doc.response } } }),
        },
        ...Object.fromEntries(
          doc.errors.map((code) => [
            String(code),
            {
              description: ERROR_TEXT[code] ?? "Error",
              content: { "application/json": { schema: ref("Error") } },
            },
          ]),
        ),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Glossa API",
      version: "1",
      description:
        "Collaborative close reading. Errors: {error: {code, message, details?}}. Lists: ?limit (≤ 500) and ?cursor. POST takes an Idempotency-Key header. Cross-site writes without a bearer token get 403.",
    },
    servers: [{ url: "/" }],
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "A personal access token (glossa_pat_…)",
        },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token" },
      },
    },
    paths,
  };
}
