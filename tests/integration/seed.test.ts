import { describe, expect, it } from "vitest";

import { verifyPassword } from "@/lib/server/auth/password";
import { prisma } from "@/lib/server/db";
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  DEMO_WORKSPACE_SLUG,
  SEED_ARTICLE,
  seedDatabase,
} from "@/lib/server/seed/seed-database";

describe("seedDatabase", () => {
  it("adds the seed article once, in the demo workspace, even when run concurrently", async () => {
    const results = await Promise.all([
      seedDatabase({ demoUsers: false }),
      seedDatabase({ demoUsers: false }),
    ]);
    expect(results.filter((result) => result.seededArticle)).toHaveLength(1);
    await seedDatabase({ demoUsers: false });

    const workspace = await prisma.workspace.findUniqueOrThrow({
      where: { slug: DEMO_WORKSPACE_SLUG },
    });
    const documents = await prisma.document.findMany({
      where: { workspaceId: workspace.id },
      include: { currentRevision: true },
    });
    expect(documents).toHaveLength(1);
    const [document] = documents;
    expect(document!.title).toBe(SEED_ARTICLE.title);
    expect(document!.sourcePublisher).toBe("EurasiaNet");
    expect(document!.currentRevision!.text.slice(4357, 4371)).toBe("trial balloons");
  });

  it("creates no users unless demo users are asked for", async () => {
    await seedDatabase({ demoUsers: false });
    expect(
      await prisma.user.count({ where: { email: { in: DEMO_USERS.map((user) => user.email) } } }),
    ).toBe(0);
  });

  it("creates the demo users once, as members of the demo workspace, with the README's password", async () => {
    const first = await seedDatabase({ demoUsers: true });
    const second = await seedDatabase({ demoUsers: true });
    expect(first.demoUsersCreated).toBe(DEMO_USERS.length);
    expect(second.demoUsersCreated).toBe(0);
    const users = await prisma.user.findMany({
      where: { email: { in: DEMO_USERS.map((user) => user.email) } },
      include: { memberships: { include: { workspace: true } } },
    });
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const user of users) {
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user.passwordHash!, DEMO_PASSWORD)).toBe(true);
      expect(user.memberships.map((membership) => membership.workspace.slug)).toEqual([
        DEMO_WORKSPACE_SLUG,
      ]);
    }
  });
});
