import "server-only";

import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Nodemailer from "next-auth/providers/nodemailer";

import { verifyPassword } from "@/lib/server/auth/password";
import { buckets, clientIp, recordHit, retryAfterSeconds } from "@/lib/server/auth/throttle";
import { prisma } from "@/lib/server/db";
import { authSecret, env, oauthProviders } from "@/lib/server/env";
import { signInSchema } from "@/lib/shared/schemas/user";

// next-auth (Auth.js 5): e-mail and password always; GitHub, Google and e-mail links when
// their variables are set. Sessions are JWTs in an HttpOnly, SameSite=Lax cookie (Secure behind
// HTTPS) carrying the user id and a session version checked against the database on every use.

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/** Adapter for OAuth and e-mail-link sign-ins. Our users always have a name. */
function glossaAdapter(): Adapter {
  const base = PrismaAdapter(prisma as never);
  return {
    ...base,
    createUser: (user) =>
      base.createUser!({
        ...user,
        email: user.email.toLowerCase(),
        name: user.name?.trim() || user.email.split("@")[0] || "Reader",
      }),
  };
}

function config(): NextAuthConfig {
  const e = env();
  const enabled = oauthProviders();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const keys = [buckets.signInEmail(email), buckets.signInIp(clientIp(request.headers))];
        if ((await retryAfterSeconds(keys)) > 0) throw new RateLimited();
        const user = await prisma.user.findUnique({ where: { email } });
        if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
          await recordHit(keys);
          return null;
        }
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ];
  if (enabled.github)
    providers.push(GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }));
  if (enabled.google)
    providers.push(Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }));
  if (enabled.email) providers.push(Nodemailer({ server: e.EMAIL_SERVER, from: e.EMAIL_FROM }));

  return {
    adapter: glossaAdapter(),
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/sign-in?sent=1" },
    providers,
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          const row = await prisma.user.findUnique({
            where: { id: user.id },
            select: { sessionVersion: true },
          });
          token.sub = user.id;
          token.sv = row?.sessionVersion ?? 0;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        (session as unknown as { sv?: unknown }).sv = token.sv;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
