import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { SiteNav } from "@/components/workspaces/site-nav";
import { currentActor } from "@/lib/server/auth/current-actor";
import { countUnread } from "@/lib/server/notifications/list-notifications";
import { listWorkspaces } from "@/lib/server/workspaces/list-workspaces";

import { signOutAction } from "./actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Glossa", template: "%s · Glossa" },
  description:
    "Read closely, together: highlight, tag and discuss passages, then export the excerpts.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#fbf9f4" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const actor = await currentActor();
  const [workspaces, unread] = actor
    ? await Promise.all([listWorkspaces(actor), countUnread(actor)])
    : [[], 0];
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header data-site-header className="border-line bg-paper/90 border-b backdrop-blur">
          <div className="mx-auto flex h-14 max-w-5xl items-center justify-between px-4 sm:px-6">
            <Link
              href="/"
              className="flex items-baseline gap-2 font-serif text-xl font-semibold tracking-tight"
            >
              Glossa
              <span className="text-muted hidden font-sans text-xs font-normal sm:inline">
                close reading, together
              </span>
            </Link>
            {actor ? (
              <SiteNav
                name={actor.name}
                email={actor.email}
                workspaces={workspaces.map(({ id, name }) => ({ id, name }))}
                unread={unread}
                signOut={signOutAction}
              />
            ) : (
              <nav aria-label="Account" className="flex items-center gap-2">
                <Button asChild variant="ghost" size="sm">
                  <Link href="/sign-in">Sign in</Link>
                </Button>
                <Button asChild size="sm">
                  <Link href="/sign-up">Sign up</Link>
                </Button>
              </nav>
            )}
          </div>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
