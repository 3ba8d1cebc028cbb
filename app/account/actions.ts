"use server";

import { headers } from "next/headers";

import { signIn } from "@/lib/server/auth/auth";
import { assertNotThrottled, buckets, clientIp, recordHit } from "@/lib/server/auth/throttle";
import { parseForm, runAction } from "@/lib/server/http/action";
import { createToken, revokeToken } from "@/lib/server/tokens/manage-tokens";
import { changePassword, updateProfile } from "@/lib/server/users/update-account";
import { idSchema } from "@/lib/shared/schemas/common";
import {
  changePasswordSchema,
  createTokenSchema,
  updateProfileSchema,
} from "@/lib/shared/schemas/user";

export async function updateProfileAction(_previous: unknown, form: FormData) {
  return runAction("updateProfileAction", async (actor) => {
    await updateProfile(actor, parseForm(updateProfileSchema, { name: form.get("name") }));
    return "Saved";
  });
}

// Other sessions end (their version no longer matches); this one is signed in again.
export async function changePasswordAction(_previous: unknown, form: FormData) {
  return runAction("changePasswordAction", async (actor) => {
    const input = parseForm(changePasswordSchema, {
      currentPassword: form.get("currentPassword") ?? "",
      newPassword: form.get("newPassword"),
    });
    await changePassword(actor, input);
    await signIn("credentials", {
      email: actor.email,
      password: input.newPassword,
      redirect: false,
    });
    return "Password changed. Other devices are signed out.";
  });
}

export async function createTokenAction(_previous: unknown, form: FormData) {
  return runAction("createTokenAction", async (actor) => {
    const keys = [buckets.tokenUser(actor.userId), buckets.tokenIp(clientIp(await headers()))];
    await assertNotThrottled(keys, "new tokens");
    const input = parseForm(createTokenSchema, { name: form.get("name") });
    await recordHit(keys);
    return createToken(actor, input);
  });
}

export async function revokeTokenAction(tokenId: string) {
  return runAction("revokeTokenAction", async (actor) => {
    await revokeToken(actor, parseForm(idSchema, tokenId));
  });
}
