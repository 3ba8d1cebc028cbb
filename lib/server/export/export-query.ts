import "server-only";

import type postgres from "postgres";

import type { Actor } from "@/lib/server/auth/actor";
import { visibleAnnotationsSql } from "@/lib/server/permissions";
import { normalizeTagName } from "@/lib/shared/schemas/annotation";
import { bounds, type ExportQuery } from "@/lib/shared/schemas/export";

import type { ExportScope } from "./export-snapshot";

// The SQL of an export (export-snapshot.ts runs it): which annotations, and the columns written.

export const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Which annotations: the scope, what the actor may see, and the export's filters. */
export function whereClause(
  sql: postgres.Sql,
  actor: Actor,
  scope: ExportScope,
  query: ExportQuery,
) {
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

export function columns(sql: postgres.Sql, withReplies: boolean) {
  return sql`
    a.id, a."documentId" AS doc, a."quoteExact" AS exact, a."quotePrefix" AS prefix,
    a."quoteSuffix" AS suffix, a."anchorStart" AS start, a."anchorEnd" AS "end",
    a."anchorState"::text AS anchor, a.visibility::text AS visibility, a.status::text AS status,
    to_char(a."createdAt", ${sql.unsafe(ISO)}) AS created,
    to_char(a."updatedAt", ${sql.unsafe(ISO)}) AS updated,
    a."bodyHtml" AS html, a."bodyText" AS text, a."authorId" AS "authorId",
    COALESCE(a."importedAuthor", u.name) AS "authorName",
    a."importedAuthor" IS NOT NULL AS imported, u.name AS "userName",
    COALESCE(rc.count, 0) AS replies, COALESCE(tl.tags, '[]') AS tags
    ${withReplies ? sql`, ${threadColumn(sql)}` : sql``}`;
}

/** The annotations in the export (the columns it writes), then their tags and reply counts
 * aggregated once for all of them: hash joins, where a subquery per row costs an index probe
 * each (twice as slow on 50,000 rows). */
export function scoped(sql: postgres.Sql, where: postgres.PendingQuery<postgres.Row[]>) {
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
export function threadColumn(sql: postgres.Sql) {
  return sql`(
    SELECT json_agg(json_build_array(
      r.id, r."parentId", r."deletedAt" IS NOT NULL,
      CASE WHEN r."importedAuthor" IS NULL THEN r."authorId" ELSE '' END,
      CASE WHEN r."importedAuthor" IS NULL THEN NULL ELSE ru.name END,
      COALESCE(r."importedAuthor", ru.name),
      to_char(r."createdAt", ${sql.unsafe(ISO)}), to_char(r."editedAt", ${sql.unsafe(ISO)}),
      r."bodyHtml", r."bodyText") ORDER BY r."createdAt", r.id)
    FROM "Reply" r JOIN "User" ru ON ru.id = r."authorId"
    WHERE r."annotationId" = a.id)::text AS thread`;
}
