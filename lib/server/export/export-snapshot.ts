import "server-only";

import type postgres from "postgres";

import type { Actor } from "@/lib/server/auth/actor";
import { exportSql } from "@/lib/server/db/sql";
import { visibleAnnotationsSql } from "@/lib/server/permissions";
import type {
  ClipBookEntry,
  ExportAnnotation,
  ExportDocument,
  ExportReply,
} from "@/lib/shared/export/types";
import { normalizeTagName } from "@/lib/shared/schemas/annotation";
import { bounds, type ExportQuery } from "@/lib/shared/schemas/export";

// The rows of an export, read in one read-only REPEATABLE READ snapshot on a connection of the
// export pool: the count written at the top of a file and the rows below it agree, and a change
// made while a long export streams is not half in it. Rows come through a server-side cursor
// (FETCH of CURSOR_ROWS at a time) and leave as soon as the formatter has written them, so the
// server's memory stays flat whatever the size. Callers have authorized the actor for the
// scope; visibility and filters are applied here, in the WHERE of every query.

export const CURSOR_ROWS = 2000;

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

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

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
  const db = await sql.reserve();
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

/** Which annotations: the scope, what the actor may see, and the export's filters. */
function whereClause(sql: postgres.Sql, actor: Actor, scope: ExportScope, query: ExportQuery) {
  const { from, to } = bounds(query.from, query.to);
  const none = sql``;
  const like = query.q ? `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : "";
  return sql`
    ${scope.kind === "document" ? sql`a."documentId" = ${scope.documentId}` : sql`d."workspaceId" = ${scope.workspaceId}`}
    AND a."deletedAt" IS NULL AND d."deletedAt" IS NULL
    AND ${visibleAnnotationsSql(sql, actor.userId)}
    ${query.private ? none : sql`AND a.visibility = 'workspace'`}
    ${
      query.tag?.length
        ? sql`AND EXISTS (
            SELECT 1 FROM "AnnotationTag" x JOIN "Tag" t ON t.id = x."tagId"
            WHERE x."annotationId" = a.id AND t."normalizedName" IN ${sql(query.tag.map(normalizeTagName))})`
        : none
    }
    ${query.author?.length ? sql`AND a."authorId" IN ${sql(query.author)}` : none}
    ${query.mine ? sql`AND a."authorId" = ${actor.userId}` : none}
    ${query.status ? sql`AND a.status::text = ${query.status}` : none}
    ${from ? sql`AND a."createdAt" >= (${from.toISOString()}::timestamptz AT TIME ZONE 'UTC')` : none}
    ${to ? sql`AND a."createdAt" < (${to.toISOString()}::timestamptz AT TIME ZONE 'UTC')` : none}
    ${
      query.q
        ? sql`AND (
            a."searchVector" @@ websearch_to_tsquery('english', ${query.q})
            OR a."quoteExact" ILIKE ${like}
            OR EXISTS (
              SELECT 1 FROM "Reply" r
              WHERE r."annotationId" = a.id AND r."deletedAt" IS NULL
                AND r."searchVector" @@ websearch_to_tsquery('english', ${query.q})))`
        : none
    }`;
}

function columns(sql: postgres.Sql, withReplies: boolean) {
  return sql`
    a.id, a."documentId" AS doc, a."quoteExact" AS exact, a."quotePrefix" AS prefix,
    a."quoteSuffix" AS suffix, a."anchorStart" AS start, a."anchorEnd" AS "end",
    a."anchorState"::text AS anchor, a.visibility::text AS visibility, a.status::text AS status,
    to_char(a."createdAt", ${sql.unsafe(ISO)}) AS created,
    to_char(a."updatedAt", ${sql.unsafe(ISO)}) AS updated,
    a."bodyHtml" AS html, a."bodyText" AS text, a."authorId" AS "authorId",
    COALESCE(a."importedAuthor", u.name) AS "authorName",
    a."importedAuthor" IS NOT NULL AS imported,
    COALESCE(rc.count, 0) AS replies, COALESCE(tl.tags, '[]') AS tags
    ${withReplies ? sql`, ${threadColumn(sql)}` : sql``}`;
}

/** The annotations in the export (the columns it writes), then their tags and reply counts
 * aggregated once for all of them: hash joins, where a subquery per row costs an index probe
 * each (twice as slow on 50,000 rows). */
function scoped(sql: postgres.Sql, where: postgres.PendingQuery<postgres.Row[]>) {
  return sql`
    WITH scoped AS MATERIALIZED (
      SELECT a.id, a."documentId", d."createdAt" AS "documentCreatedAt", a."quoteExact",
        a."quotePrefix", a."quoteSuffix", a."anchorStart", a."anchorEnd", a."anchorState",
        a.visibility, a.status, a."createdAt", a."updatedAt", a."bodyHtml", a."bodyText",
        a."authorId", a."importedAuthor"
      FROM "Annotation" a JOIN "Document" d ON d.id = a."documentId"
      WHERE ${where}
    ),
    tag_lists AS (
      SELECT x."annotationId" AS id,
        json_agg(json_build_array(t.name, t.color) ORDER BY x."createdAt", t.name)::text AS tags
      FROM "AnnotationTag" x JOIN "Tag" t ON t.id = x."tagId"
      WHERE x."annotationId" IN (SELECT id FROM scoped)
      GROUP BY x."annotationId"
    ),
    reply_counts AS (
      SELECT r."annotationId" AS id, count(*)::int AS count
      FROM "Reply" r
      WHERE r."annotationId" IN (SELECT id FROM scoped) AND r."deletedAt" IS NULL
      GROUP BY r."annotationId"
    )`;
}

/** The thread of each annotation as one JSON array in its row, tombstones included (only their
 * place in the tree): a reply answering a deleted one is hung on its nearest living ancestor.
 * In the row, so the cursor is the connection's only query (the `postgres` client runs one
 * query at a time per connection, and a cursor stays open between batches). */
function threadColumn(sql: postgres.Sql) {
  return sql`(
    SELECT json_agg(json_build_array(
      r.id, r."parentId", r."deletedAt" IS NOT NULL,
      CASE WHEN r."importedAuthor" IS NULL THEN r."authorId" ELSE '' END,
      COALESCE(r."importedAuthor", ru.name),
      to_char(r."createdAt", ${sql.unsafe(ISO)}), to_char(r."editedAt", ${sql.unsafe(ISO)}),
      r."bodyHtml", r."bodyText") ORDER BY r."createdAt", r.id)
    FROM "Reply" r JOIN "User" ru ON ru.id = r."authorId"
    WHERE r."annotationId" = a.id)::text AS thread`;
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
  for (const [id, parentId, deleted, authorId, authorName, created, edited, html, text] of rows) {
    if (deleted) continue;
    let parent = parentId ? byId.get(parentId) : undefined;
    while (parent?.[2]) parent = parent[1] ? byId.get(parent[1]) : undefined;
    thread.push({
      id,
      parentId: parent?.[0] ?? null,
      author: { id: authorId, name: authorName },
      createdAt: created,
      editedAt: edited,
      bodyHtml: html,
      bodyText: text,
    });
  }
  return thread;
}

/** The rows of a cursor, the next batch fetched while this one is written out: the database
 * and the formatter work at the same time. Stopping early lets the batch in flight land, then
 * closes the cursor (the client allows one fetch in flight, and an unclosed cursor would hold
 * the connection). */
export async function* readAhead<T extends object>(
  statement: postgres.PendingQuery<T[]>,
): AsyncGenerator<T> {
  const iterator = statement.cursor(CURSOR_ROWS)[Symbol.asyncIterator]();
  // A rejection while the consumer holds the rows is handled where it is awaited, not reported
  // as unhandled in between.
  // (A finished cursor answers next() with a plain object, not a promise.)
  const ahead = () => {
    const promise = Promise.resolve(iterator.next());
    promise.catch(() => {});
    return promise;
  };
  let pending = ahead();
  let finished = false;
  try {
    for (;;) {
      const batch = await pending;
      if (batch.done) {
        finished = true;
        return;
      }
      pending = ahead();
      for (const row of batch.value) yield row;
    }
  } finally {
    if (!finished) {
      try {
        if (!(await pending).done) await iterator.return?.();
      } catch {
        // the query failed: nothing left open
      }
    }
  }
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
