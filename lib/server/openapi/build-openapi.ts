import "server-only";

import { z } from "zod";

import { createDocumentSchema } from "@/lib/shared/schemas/document";

// The public contract as OpenAPI 3.1, served at GET /api/v1/openapi.json. Request bodies come
// from the same zod schemas the handlers validate with; a test checks that every route under
// app/api/v1 is described here.

const schema = (value: z.ZodType) => z.toJSONSchema(value, { io: "input", unrepresentable: "any" });

const errorBody = {
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
};

const source = {
  type: "object",
  properties: {
    url: { type: ["string", "null"] },
    author: { type: ["string", "null"] },
    publisher: { type: ["string", "null"] },
    publishedAt: { type: ["string", "null"], format: "date-time" },
  },
};

const documentBase = {
  id: { type: "string" },
  workspaceId: { type: "string" },
  title: { type: "string" },
  source,
  revisionId: { type: "string" },
  revisionNumber: { type: "integer" },
  wordCount: { type: "integer" },
  createdAt: { type: "string", format: "date-time" },
  updatedAt: { type: "string", format: "date-time" },
};

const document = {
  type: "object",
  properties: {
    ...documentBase,
    text: {
      type: "string",
      description: 'Canonical text: blocks joined by "\\n\\n"; offsets are UTF-16 indexes into it.',
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
  },
};

const documentSummary = {
  type: "object",
  properties: { ...documentBase, excerpt: { type: "string" } },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: ERROR_TEXT[code] ?? "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      },
    ]),
  );

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request",
  404: "Missing or not visible",
  413: "Too large",
  415: "Wrong content type",
  422: "Valid JSON that breaks a rule",
  503: "Database unavailable",
};

const idParam = (name: string, what: string) => ({
  name,
  in: "path",
  required: true,
  schema: { type: "string" },
  description: what,
});
const json = (value: object) => ({ content: { "application/json": { schema: value } } });

export function buildOpenApi(): object {
  return {
    openapi: "3.1.0",
    info: {
      title: "Glossa API",
      version: "1",
      description:
        "Collaborative close reading. Errors: {error: {code, message, details?}}. Lists: ?limit (≤ 500) and ?cursor.",
    },
    servers: [{ url: "/" }],
    components: {
      schemas: { Error: errorBody, Document: document, DocumentSummary: documentSummary },
    },
    paths: {
      "/api/v1/health": {
        get: {
          summary: "Is the app and its database up?",
          responses: {
            "200": {
              description: "Up",
              ...json({ type: "object", properties: { ok: { const: true }, db: { const: "up" } } }),
            },
            "503": {
              description: "Database down",
              ...json({
                type: "object",
                properties: { ok: { const: false }, db: { const: "down" } },
              }),
            },
          },
        },
      },
      "/api/v1/openapi.json": {
        get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } },
      },
      "/api/v1/workspaces/{id}/documents": {
        parameters: [idParam("id", "Workspace id")],
        get: {
          summary: "A workspace's documents, newest first",
          parameters: [
            {
              name: "limit",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: 500, default: 50 },
            },
            { name: "cursor", in: "query", schema: { type: "string" } },
          ],
          responses: {
            "200": {
              description: "A page of documents",
              ...json({
                type: "object",
                properties: {
                  items: { type: "array", items: { $ref: "#/components/schemas/DocumentSummary" } },
                  nextCursor: { type: ["string", "null"] },
                },
              }),
            },
            ...errors(400, 404),
          },
        },
        post: {
          summary:
            "Add a document from text, Markdown or HTML (JSON), or from an uploaded .txt/.md/.html file (multipart)",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: schema(createDocumentSchema) },
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: {
                    file: { type: "string", format: "binary" },
                    title: { type: "string" },
                  },
                },
              },
            },
          },
          responses: {
            "201": { description: "Created", ...json({ $ref: "#/components/schemas/Document" }) },
            ...errors(400, 404, 413, 415, 422),
          },
        },
      },
      "/api/v1/documents/{id}": {
        parameters: [idParam("id", "Document id")],
        get: {
          summary: "A document with its current revision's text",
          responses: {
            "200": {
              description: "The document",
              ...json({ $ref: "#/components/schemas/Document" }),
            },
            ...errors(404),
          },
        },
      },
    },
  };
}
