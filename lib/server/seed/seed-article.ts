import "server-only";

import { readFileSync } from "node:fs";
import path from "node:path";

import type { Tx } from "@/lib/server/db";
import { createDocument } from "@/lib/server/documents/create-document";
import type { DocumentView } from "@/lib/server/documents/present-document";

// The seed article: EurasiaNet on the informal CSTO summit. It ships with the app (the text is
// in prisma/seed/) and greets every newcomer: the demo workspace has it, and so does every
// new workspace.
export const SEED_ARTICLE = {
  title: "Russia Seeking Support on Ukraine, Not Finding Much From Allies",
  file: path.join("prisma", "seed", "csto-summit.txt"),
  publisher: "EurasiaNet",
} as const;

let cachedText: string | undefined;

export function seedArticleText(): string {
  // Read from the project folder at run time; keep it out of the bundle tracer.
  cachedText ??= readFileSync(
    path.join(/* turbopackIgnore: true */ process.cwd(), SEED_ARTICLE.file),
    "utf8",
  );
  return cachedText;
}

export function addSeedArticle(
  tx: Tx,
  workspaceId: string,
  createdById: string | null = null,
): Promise<DocumentView> {
  return createDocument(
    {
      workspaceId,
      format: "text",
      content: seedArticleText(),
      title: SEED_ARTICLE.title,
      source: { publisher: SEED_ARTICLE.publisher },
      createdById,
    },
    tx,
  );
}
