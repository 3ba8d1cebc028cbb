import "server-only";

import type postgres from "postgres";

import type { Actor } from "@/lib/server/auth/actor";
import { exportSql, reserveExportConnection } from "@/lib/server/db/sql";
import type {
  ClipBookEntry,
  ExportAnnotation,
  ExportDocument,
  ExportReply,
} from "@/lib/shared/export/types";
import { normalizeTagName } from "@/lib/shared/schemas/annotation";
import type { ExportQuery } from "@/lib/shared/schemas/export";

import { columns, ISO, scoped, whereClause } from "./export-query";
import { readAhead } from "./read-ahead";

// The rows of an export, read in one read-only REPEATABLE READ snapshot on a connection of the
// export pool: the count written at the top of a file and the rows below it agree, and a change
// made while a long export streams is not half in it. Rows come through a server-side cursor
// (FETCH of CURSOR_ROWS at a time) and leave as soon as the formatter has written them, so the
// server's memory stays flat whatever the size. Callers have authorized the actor for the
// scope; visibility and filters are applied here, in the WHERE of every query.

export type ExportScope =
  | { kind: "document"; workspaceId: string; documentId: string }
  | { kind: "workspace"; workspaceId: string };

export interface ExportSnapshot {
  total: number;
  /** The replies those annotations carry (0 unless replies are exported). */
  replies: number;
  documents: Map<string, ExportDocument>;
  /** In document order: documents by when they were added, passages by position, orphans last. */
  annotations(): AsyncGenerator<ExportAnnotation>;
  /** Grouped by tag (by name), untagged last; an annotation appears under each of its tags (the
   * filtered ones only, when tags are filtered). */
  clipBook(): AsyncGenerator<ClipBookEntry>;
  close(): Promise<void>;
}

interface Row {
  id: string;
  doc: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number | null;
  end: number | null;
  anchor: ExportAnnotation["anchorState"];
  visibility: ExportAnnotation["visibility"];
  status: ExportAnnotation["status"];
  created: string;
  updated: string;
  html: string | null;
  text: string | null;
  authorId: string;
  authorName: string;
  imported: boolean;
  userName: string;
  replies: number;
  tags: string;
  groupName?: string | null;
  groupColor?: string | null;
  groupDescription?: string | null;
  thread?: string | null;
}

export async function openExportSnapshot(
  actor: Actor,
  scope: ExportScope,
  query: ExportQuery,
  options: { baseUrl: string; withReplies: boolean },
): Promise<ExportSnapshot> {
  const sql = exportSql();
  const db = await reserveExportConnection();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await db`ROLLBACK`;
    } catch {
      // the connection is gone; nothing to undo in a read-only transaction
    }
    db.release();
  };
  try {
    await db`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`;
    const where = whereClause(sql, actor, scope, query);
    const documents = await readDocuments(db, scope, options.baseUrl);
    const [{ total, replies }] = (await db`
      SELECT count(*)::int AS total,
        ${
          options.withReplies
            ? db`(SELECT count(*)::int FROM "Reply" r
                WHERE r."deletedAt" IS NULL AND r."annotationId" IN (
                  SELECT a.id FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId"
                  WHERE ${where}))`
            : db`0`
        } AS replies
      FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId"
      WHERE ${where}`) as unknown as [{ total: number; replies: number }];
    const present = (row: Row, replies: ExportReply[]) =>
      presentRow(row, documents, replies, options.baseUrl);

    async function* read(
      statement: postgres.PendingQuery<Row[]>,
    ): AsyncGenerator<[Row, ExportReply[]]> {
      try {
        for await (const row of readAhead(statement))
          yield [row, options.withReplies ? threadOf(row.thread) : []];
      } finally {
        await close();
      }
    }

    return {
      total,
      replies,
      documents,
      async *annotations() {
        for await (const [row, replies] of read(db<Row[]>`
          ${scoped(sql, where)}
          SELECT ${columns(sql, options.withReplies)}
          FROM scoped a
          JOIN "User" u ON u.id = a."authorId"
          LEFT JOIN tag_lists tl ON tl.id = a.id
          LEFT JOIN reply_counts rc ON rc.id = a.id
          ORDER BY a."documentCreatedAt", a."documentId", a."anchorStart" NULLS LAST, a.id`)) {
          yield present(row, replies);
        }
      },
      async *clipBook() {
        const only = query.tag?.length
          ? sql`AND g."normalizedName" IN ${sql(query.tag.map(normalizeTagName))}`
          : sql``;
        for await (const [row, replies] of read(db<Row[]>`
          ${scoped(sql, where)}
          SELECT ${columns(sql, options.withReplies)}, g.name AS "groupName",
            g.color AS "groupColor", NULLIF(g.description, '') AS "groupDescription"
          FROM scoped a
          JOIN "User" u ON u.id = a."authorId"
          LEFT JOIN tag_lists tl ON tl.id = a.id
          LEFT JOIN reply_counts rc ON rc.id = a.id
          LEFT JOIN ("AnnotationTag" gx JOIN "Tag" g ON g.id = gx."tagId" ${only})
            ON gx."annotationId" = a.id
          ORDER BY g.id IS NULL, lower(g.name), g.id,
            a."documentCreatedAt", a."documentId", a."anchorStart" NULLS LAST, a.id`)) {
          yield {
            group: row.groupName
              ? {
                  name: row.groupName,
                  color: row.groupColor ?? "#999999",
                  description: row.groupDescription ?? null,
                }
              : null,
            annotation: present(row, replies),
          };
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** How many annotations an export would hold: one plain query, no snapshot to hold. */
export async function countExportRows(
  actor: Actor,
  scope: ExportScope,
  query: ExportQuery,
): Promise<number> {
  const sql = exportSql();
  const [row] = await sql<Array<{ total: number }>>`
    SELECT count(*)::int AS total
    FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId"
    WHERE ${whereClause(sql, actor, scope, query)}`;
  return row?.total ?? 0;
}

async function readDocuments(
  db: postgres.ReservedSql,
  scope: ExportScope,
  baseUrl: string,
): Promise<Map<string, ExportDocument>> {
  const rows = await db<
    Array<{
      id: string;
      title: string;
      sourceUrl: string | null;
      sourceAuthor: string | null;
      sourcePublisher: string | null;
      revisionId: string;
      revisionNumber: number;
      revisionCreatedAt: string;
    }>
  >`
    SELECT d.id, d.title, d."sourceUrl", d."sourceAuthor", d."sourcePublisher",
      r.id AS "revisionId", r.number AS "revisionNumber",
      to_char(r."createdAt", ${db.unsafe(ISO)}) AS "revisionCreatedAt"
    FROM "Document" d JOIN "Revision" r ON r.id = d."currentRevisionId"
    WHERE d."workspaceId" = ${scope.workspaceId} AND d."deletedAt" IS NULL
      ${scope.kind === "document" ? db`AND d.id = ${scope.documentId}` : db``}`;
  return new Map(
    rows.map((row) => [row.id, { ...row, url: `${baseUrl}/documents/${row.id}` }] as const),
  );
}

type ThreadRow = [
  id: string,
  parentId: string | null,
  deleted: boolean,
  authorId: string,
  importedBy: string | null,
  authorName: string,
  created: string,
  edited: string | null,
  html: string,
  text: string,
];

/** A thread in reading order, tombstones left out: a reply whose parent was deleted answers the
 * nearest living ancestor (or the annotation). */
function threadOf(json: string | null | undefined): ExportReply[] {
  if (!json) return [];
  const rows = JSON.parse(json) as ThreadRow[];
  const byId = new Map(rows.map((row) => [row[0], row]));
  const thread: ExportReply[] = [];
  for (const [
    id,
    parentId,
    deleted,
    authorId,
    importedBy,
    authorName,
    created,
    edited,
    html,
    text,
  ] of rows) {
    if (deleted) continue;
    let parent = parentId ? byId.get(parentId) : undefined;
    while (parent?.[2]) parent = parent[1] ? byId.get(parent[1]) : undefined;
    thread.push({
      id,
      parentId: parent?.[0] ?? null,
      author: { id: authorId, name: authorName },
      importedBy,
      createdAt: created,
      editedAt: edited,
      bodyHtml: html,
      bodyText: text,
    });
  }
  return thread;
}

function presentRow(
  row: Row,
  documents: Map<string, ExportDocument>,
  replies: ExportReply[],
  baseUrl: string,
): ExportAnnotation {
  const document = documents.get(row.doc)!;
  const tags = (JSON.parse(row.tags) as Array<[string, string]>).map(([name, color]) => ({
    name,
    color,
  }));
  return {
    id: row.id,
    document,
    quote: { exact: row.exact, prefix: row.prefix, suffix: row.suffix },
    position: row.start !== null && row.end !== null ? { start: row.start, end: row.end } : null,
    anchorState: row.anchor,
    tags,
    // An imported annotation's name is from another tool: no Glossa user to point at.
    author: { id: row.imported ? "" : row.authorId, name: row.authorName },
    importedBy: row.imported ? row.userName : null,
    visibility: row.visibility,
    status: row.status,
    createdAt: row.created,
    updatedAt: row.updated,
    bodyHtml: row.html,
    bodyText: row.text,
    replyCount: row.replies,
    replies,
    url: `${baseUrl}/documents/${row.doc}#annotation-${row.id}`,
  };
}
