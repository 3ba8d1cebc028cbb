import "server-only";

import { hashPassword } from "@/lib/server/auth/password";
import { prisma, type Tx } from "@/lib/server/db";
import { addSeedArticle } from "@/lib/server/seed/seed-article";

export { SEED_ARTICLE } from "@/lib/server/seed/seed-article";

// What every new Glossa database starts with: a demo workspace holding the seed article.
// Demo users (with the passwords in README.md) are added only on the embedded database or
// with GLOSSA_DEMO=1, never silently in production. Seeding is idempotent, and safe when two
// instances start at once (a transaction-scoped advisory lock serializes them).

export const DEMO_WORKSPACE_SLUG = "demo";
export const DEMO_PASSWORD = "glossa-demo";
export const DEMO_USERS = [
  { email: "amina@example.com", name: "Amina Karimova", role: "owner" },
  { email: "chloe@example.com", name: "Chloé Martin", role: "moderator" },
  { email: "ben@example.com", name: "Ben Okafor", role: "member" },
] as const;

const SEED_LOCK = 727_073_690;

export interface SeedResult {
  seededArticle: boolean;
  demoUsersCreated: number;
}

export async function seedDatabase(options: { demoUsers: boolean }): Promise<SeedResult> {
  // Hash outside the transaction: argon2 is deliberately slow.
  const passwordHash = options.demoUsers ? await hashPassword(DEMO_PASSWORD) : null;
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      const seededArticle = await seedArticleOnce(tx);
      const demoUsersCreated = passwordHash ? await seedDemoUsers(tx, passwordHash) : 0;
      return { seededArticle, demoUsersCreated };
    },
    { timeout: 30_000 },
  );
}

/** The seed article is added once per database: deleting it later does not bring it back. */
async function seedArticleOnce(tx: Tx): Promise<boolean> {
  if (await tx.appMeta.findUnique({ where: { key: "seed.article" } })) return false;
  const workspace = await tx.workspace.upsert({
    where: { slug: DEMO_WORKSPACE_SLUG },
    create: { slug: DEMO_WORKSPACE_SLUG, name: "CSTO reading group", kind: "team" },
    update: {},
  });
  const document = await addSeedArticle(tx, workspace.id);
  await tx.appMeta.create({ data: { key: "seed.article", value: { documentId: document.id } } });
  return true;
}

async function seedDemoUsers(tx: Tx, passwordHash: string): Promise<number> {
  const workspace = await tx.workspace.findUnique({ where: { slug: DEMO_WORKSPACE_SLUG } });
  let created = 0;
  for (const demo of DEMO_USERS) {
    const existing = await tx.user.findUnique({ where: { email: demo.email } });
    const user =
      existing ??
      (await tx.user.create({ data: { email: demo.email, name: demo.name, passwordHash } }));
    if (!existing) created += 1;
    if (workspace) {
      await tx.membership.upsert({
        where: { workspaceId_userId: { workspaceId: workspace.id, userId: user.id } },
        create: { workspaceId: workspace.id, userId: user.id, role: demo.role },
        update: {},
      });
    }
  }
  return created;
}
