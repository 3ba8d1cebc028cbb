import "server-only";

import type { Actor } from "@/lib/server/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { prisma } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";

import { presentUser, type UserView } from "./present-user";

export async function getMe(actor: Actor): Promise<UserView & { hasPassword: boolean }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
  return { ...presentUser(user), hasPassword: !!user.passwordHash };
}

export async function updateProfile(actor: Actor, input: { name: string }): Promise<UserView> {
  return presentUser(
    await prisma.user.update({ where: { id: actor.userId }, data: { name: input.name } }),
  );
}

/** Changes the password and signs out every other session (their version no longer matches);
 * the caller re-issues the current session. Accounts without a password (OAuth) set one. */
export async function changePassword(
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<{ sessionVersion: number }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("unprocessable", "The current password is not right", [
      { path: "currentPassword", message: "is not right" },
    ]);
  }
  const updated = await prisma.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(input.newPassword), sessionVersion: { increment: 1 } },
  });
  return { sessionVersion: updated.sessionVersion };
}
