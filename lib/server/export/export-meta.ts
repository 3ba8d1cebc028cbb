import "server-only";

import { prisma } from "@/lib/server/db";
import { bounds, type ExportFormatName, type ExportQuery } from "@/lib/shared/schemas/export";

const EXTENSIONS: Record<ExportFormatName, string> = {
  csv: "csv",
  codebook: "csv",
  md: "md",
  jsonld: "jsonld",
  docx: "docx",
};

/** "csto-summit-excerpts-2026-11-28.csv": the title made safe for every file system. */
export function exportFilename(title: string, format: ExportFormatName, now = new Date()): string {
  const slug =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "glossa";
  const kind = format === "codebook" ? "codebook" : "excerpts";
  return `${slug}-${kind}-${now.toISOString().slice(0, 10)}.${EXTENSIONS[format]}`;
}

/** The filters, said for people at the top of a clip book: "Tags: trial balloon · Status: open". */
export async function filterSummary(workspaceId: string, query: ExportQuery): Promise<string> {
  const parts: string[] = [];
  if (query.tag?.length) parts.push(`Tags: ${query.tag.join(", ")}`);
  if (query.author?.length) {
    // Only members' names: an id from elsewhere names nobody here.
    const members = await prisma.membership.findMany({
      where: { workspaceId, userId: { in: query.author } },
      select: { user: { select: { name: true } } },
    });
    parts.push(`Authors: ${members.map((member) => member.user.name).join(", ") || "none"}`);
  }
  if (query.mine) parts.push("Mine only");
  if (query.status) parts.push(`Status: ${query.status}`);
  if (query.q) parts.push(`Text: “${query.q}”`);
  const { from, to } = bounds(query.from, query.to);
  if (from) parts.push(`From ${query.from}`);
  if (to) parts.push(`Until ${query.to}`);
  if (!query.private) parts.push("Private annotations left out");
  return parts.join(" · ");
}
