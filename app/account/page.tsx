import type { Metadata } from "next";
import { connection } from "next/server";

import { CreateTokenForm, PasswordForm, ProfileForm } from "@/components/account/token-forms";
import { ActionButton } from "@/components/workspaces/members-panel";
import { requirePageActor } from "@/lib/server/auth/current-actor";
import { listTokens } from "@/lib/server/tokens/manage-tokens";
import { getMe } from "@/lib/server/users/update-account";

import {
  changePasswordAction,
  createTokenAction,
  revokeTokenAction,
  updateProfileAction,
} from "./actions";

export const metadata: Metadata = { title: "Account" };

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString("en", { dateStyle: "medium" }) : "never";

export default async function AccountPage() {
  await connection();
  const actor = await requirePageActor("/account");
  const [me, tokens] = await Promise.all([getMe(actor), listTokens(actor)]);
  return (
    <div className="mx-auto max-w-2xl space-y-8 px-4 py-8 sm:px-6 sm:py-12">
      <div>
        <h1 className="font-serif text-3xl font-semibold tracking-tight">Account</h1>
        <p className="text-muted mt-1">{me.email}</p>
      </div>
      <section
        aria-labelledby="profile-title"
        className="border-line rounded-xl border bg-white p-5 sm:p-6"
      >
        <h2 id="profile-title" className="mb-3 font-semibold">
          Profile
        </h2>
        <ProfileForm action={updateProfileAction} name={me.name} />
      </section>
      <section
        aria-labelledby="password-title"
        className="border-line rounded-xl border bg-white p-5 sm:p-6"
      >
        <h2 id="password-title" className="mb-3 font-semibold">
          Password
        </h2>
        <PasswordForm action={changePasswordAction} hasPassword={me.hasPassword} />
      </section>
      <section
        aria-labelledby="tokens-title"
        className="border-line space-y-4 rounded-xl border bg-white p-5 sm:p-6"
      >
        <div>
          <h2 id="tokens-title" className="font-semibold">
            Personal access tokens
          </h2>
          <p className="text-muted mt-1 text-sm">
            For scripts and other tools using the API as you. Revoke a token you no longer use.
          </p>
        </div>
        <CreateTokenForm action={createTokenAction} />
        {tokens.length > 0 && (
          <ul className="divide-line border-line divide-y border-t" aria-label="Tokens">
            {tokens.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <p className="font-medium">{token.name}</p>
                  <p className="text-muted text-xs">
                    <code>{token.prefix}…</code> · created {when(token.createdAt)} · last used{" "}
                    {when(token.lastUsedAt)}
                    {token.revokedAt && ` · revoked ${when(token.revokedAt)}`}
                  </p>
                </div>
                {!token.revokedAt && (
                  <ActionButton
                    run={revokeTokenAction.bind(null, token.id)}
                    label="Revoke"
                    confirm={`Revoke "${token.name}"? Scripts using it stop working.`}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
