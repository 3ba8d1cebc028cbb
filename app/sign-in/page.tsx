import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";

import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/credentials-forms";
import { Button } from "@/components/ui/button";
import { currentActor } from "@/lib/server/auth/current-actor";
import { oauthProviders } from "@/lib/server/env";
import { safeReturnPath } from "@/lib/server/http/safe-path";

import { oauthSignInAction, signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; sent?: string }> };

const OAUTH_ERRORS: Record<string, string> = {
  OAuthAccountNotLinked:
    "That email already has an account: sign in with your password, then link the provider.",
  AccessDenied: "Access was denied.",
  Verification: "The sign-in link has expired or was already used.",
};

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  const providers = oauthProviders();

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back to Glossa."
      footer={
        <>
          New here?{" "}
          <Link
            href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}
            className="text-accent underline underline-offset-2 hover:no-underline"
          >
            Sign up
          </Link>
        </>
      }
    >
      {params.sent && (
        <p className="bg-accent-soft mb-4 rounded-md p-3 text-sm">
          Check your email for a sign-in link.
        </p>
      )}
      {params.error && params.error !== "CredentialsSignin" && (
        <p role="alert" className="bg-danger-soft text-danger mb-4 rounded-md p-3 text-sm">
          {OAUTH_ERRORS[params.error] ?? "Sign-in did not work. Try again."}
        </p>
      )}
      <SignInForm action={signInAction} callbackUrl={callbackUrl} />
      {(providers.github || providers.google || providers.email) && (
        <div className="border-line mt-6 space-y-2 border-t pt-6">
          {providers.github && (
            <form action={oauthSignInAction}>
              <input type="hidden" name="provider" value="github" />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button variant="secondary" className="w-full">
                Continue with GitHub
              </Button>
            </form>
          )}
          {providers.google && (
            <form action={oauthSignInAction}>
              <input type="hidden" name="provider" value="google" />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button variant="secondary" className="w-full">
                Continue with Google
              </Button>
            </form>
          )}
          {providers.email && (
            <form action={oauthSignInAction} className="flex gap-2">
              <input type="hidden" name="provider" value="nodemailer" />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <label htmlFor="link-email" className="sr-only">
                Email for a sign-in link
              </label>
              <input
                id="link-email"
                name="email"
                type="email"
                required
                placeholder="you@example.org"
                className="border-line h-10 min-w-0 flex-1 rounded-md border px-3 text-sm"
              />
              <Button variant="secondary">Email me a link</Button>
            </form>
          )}
        </div>
      )}
    </AuthCard>
  );
}
