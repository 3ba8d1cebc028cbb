import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";

import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/credentials-forms";
import { currentActor } from "@/lib/server/auth/current-actor";
import { env } from "@/lib/server/env";
import { safeReturnPath } from "@/lib/server/http/safe-path";

import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Sign up" };

type Props = { searchParams: Promise<{ invite?: string; callbackUrl?: string }> };

export default async function SignUpPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  if (await currentActor()) redirect(safeReturnPath(params.callbackUrl));
  const invite =
    typeof params.invite === "string" && /^[A-Za-z0-9_-]{10,64}$/.test(params.invite)
      ? params.invite
      : null;
  const closed = env().GLOSSA_SIGNUP === "closed" && !invite;
  return (
    <AuthCard
      title="Sign up"
      subtitle={
        invite
          ? "Create your account to join the workspace you were invited to."
          : "Read closely with your team or class."
      }
      footer={
        <>
          Have an account?{" "}
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(invite ? `/invite/${invite}` : safeReturnPath(params.callbackUrl))}`}
            className="text-accent underline underline-offset-2 hover:no-underline"
          >
            Sign in
          </Link>
        </>
      }
    >
      {closed ? (
        <p className="text-sm">
          Sign-up here is by invitation only. Open the invitation link you were sent.
        </p>
      ) : (
        <SignUpForm action={signUpAction} invite={invite} />
      )}
    </AuthCard>
  );
}
