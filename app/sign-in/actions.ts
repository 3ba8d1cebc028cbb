"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";

import { signIn } from "@/lib/server/auth/auth";
import { assertNotThrottled, buckets, clientIp } from "@/lib/server/auth/throttle";
import { AppError } from "@/lib/server/errors";
import { parseForm, runAction, type ActionFailure } from "@/lib/server/http/action";
import { safeReturnPath } from "@/lib/server/http/safe-path";
import { oauthProviders } from "@/lib/server/env";
import { emailSchema, signInSchema } from "@/lib/shared/schemas/user";

// Signs in with e-mail and password, then goes back where the person came from.
export async function signInAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionFailure | null> {
  const result = await runAction("signInAction", async () => {
    const input = parseForm(signInSchema, {
      email: form.get("email"),
      password: form.get("password"),
    });
    const ip = clientIp(await headers());
    await assertNotThrottled(
      [buckets.signInEmail(input.email), buckets.signInIp(ip)],
      "failed sign-ins",
    );
    try {
      // Succeeds by throwing NEXT_REDIRECT, which runAction lets through.
      await signIn("credentials", {
        ...input,
        redirectTo: safeReturnPath(form.get("callbackUrl")),
      });
    } catch (error) {
      const authError = error as { type?: string; code?: string };
      if (authError.code === "rate_limited") {
        throw new AppError("rate_limited", "Too many failed sign-ins. Try again in 15 minutes.");
      }
      if (authError.type === "CredentialsSignin")
        throw new AppError("unauthorized", "Wrong email or password");
      throw error;
    }
  });
  return result.ok ? null : result;
}

// Starts a sign-in with GitHub, Google or an e-mail link (only the configured ones are offered),
// then comes back to the page the person asked for.
export async function oauthSignInAction(form: FormData): Promise<void> {
  const result = await runAction("oauthSignInAction", async () => {
    const provider = parseForm(z.enum(["github", "google", "nodemailer"]), form.get("provider"));
    if (!oauthProviders()[provider === "nodemailer" ? "email" : provider]) {
      throw new AppError("not_found", "This sign-in method is not configured");
    }
    await signIn(provider, {
      redirectTo: safeReturnPath(form.get("callbackUrl")),
      ...(provider === "nodemailer" && { email: parseForm(emailSchema, form.get("email")) }),
    });
  });
  if (!result.ok) redirect(`/sign-in?error=${encodeURIComponent(result.code)}`);
}
