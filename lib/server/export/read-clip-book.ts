import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import type { ClipBookView } from "@/lib/shared/export/types";
import { includeReplies, type ExportQuery } from "@/lib/shared/schemas/export";

import { resolveExportScope, type ExportTarget } from "./export-annotations";
import { filterSummary } from "./export-meta";
import { openExportSnapshot } from "./export-snapshot";

// The clip book as data for the print view: the same snapshot and order as the Markdown and
// Word clip books, cut at PRINT_LIMIT entries (a page of tens of thousands of passages is not
// something a browser prints; the dialog points to Word for those).

export const PRINT_LIMIT = 5000;

export async function readClipBook(
  actor: Actor,
  target: ExportTarget,
  query: ExportQuery,
  baseUrl: string,
): Promise<ClipBookView> {
  const { scope, title } = await resolveExportScope(actor, target);
  const withReplies = includeReplies({ format: "md", replies: query.replies });
  const snapshot = await openExportSnapshot(actor, scope, query, { baseUrl, withReplies });
  const groups: ClipBookView["groups"] = [];
  let shown = 0;
  let limited = false;
  try {
    for await (const entry of snapshot.clipBook()) {
      if (shown >= PRINT_LIMIT) {
        limited = true;
        break;
      }
      const last = groups.at(-1);
      if (last && (last.group?.name ?? null) === (entry.group?.name ?? null))
        last.annotations.push(entry.annotation);
      else groups.push({ group: entry.group, annotations: [entry.annotation] });
      shown += 1;
    }
  } finally {
    await snapshot.close();
  }
  return {
    title,
    scope: scope.kind,
    total: snapshot.total,
    shown,
    limited,
    filterSummary: await filterSummary(scope.workspaceId, query),
    withReplies,
    groups,
  };
}
