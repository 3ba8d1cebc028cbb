import "server-only";

import type { z } from "zod";

import { hashPassword } from "@/lib/server/auth/password";
import { prisma, Prisma } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { AppError } from "@/lib/server/errors";
import { acceptInvite } from "@/lib/server/invites/accept-invite";
import type { signUpSchema } from "@/lib/shared/schemas/user";

import { presentUser, type UserView } from "./present-user";

/** Sign-up with e-mail and password. Closed installs (GLOSSA_SIGNUP=closed) need an invite code,
 * and the new account joins that workspace. */
export async function createUser(
  input: z.infer<typeof signUpSchema>,
): Promise<UserView & { joinedWorkspaceId: string | null }> {
  if (env().GLOSSA_SIGNUP === "closed" && !input.invite) {
    throw new AppError(
      "forbidden",
      "Sign-up is by invitation only here: open the invitation link you were sent",
    );
  }
  const passwordHash = await hashPassword(input.password);
  let user;
  try {
    user = await prisma.user.create({
      data: { email: input.email, name: input.name, passwordHash },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email already exists: sign in instead", [
        { path: "email", message: "is already registered" },
      ]);
    }
    throw error;
  }
  let joinedWorkspaceId: string | null = null;
  if (input.invite) {
    try {
      joinedWorkspaceId = (
        await acceptInvite(
          { userId: user.id, name: user.name, email: user.email, via: "session" },
          input.invite,
        )
      ).workspaceId;
    } catch (error) {
      // Closed installs: no usable invite, no account.
      if (env().GLOSSA_SIGNUP === "closed") {
        await prisma.user.delete({ where: { id: user.id } });
        throw error;
      }
    }
  }
  return { ...presentUser(user), joinedWorkspaceId };
}
