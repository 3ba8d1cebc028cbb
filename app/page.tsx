import { ArrowRightIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { connection } from "next/server";

import { Button } from "@/components/ui/button";
import { NewWorkspaceForm } from "@/components/workspaces/new-workspace-form";
import { currentActor } from "@/lib/server/auth/current-actor";
import { listWorkspaces } from "@/lib/server/workspaces/list-workspaces";

import { createWorkspaceAction } from "./actions";

export default async function HomePage() {
  await connection();
  const actor = await currentActor();
  const workspaces = actor ? await listWorkspaces(actor) : [];

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-16">
      <section className="max-w-2xl">
        <h1 className="font-serif text-3xl leading-tight font-semibold tracking-tight sm:text-4xl">
          {actor ? `Welcome, ${actor.name.split(" ")[0]}.` : "Read closely, together."}
        </h1>
        <p className="text-muted mt-4 text-lg leading-relaxed">
          Open an article with your team or class, highlight the passages that matter, tag them, and
          talk them through in the margin. Then take the tagged excerpts with you.
        </p>
        {!actor && (
          <div className="mt-8 flex flex-wrap gap-3">
            <Button asChild size="lg">
              <Link href="/sign-up">Sign up</Link>
            </Button>
            <Button asChild size="lg" variant="secondary">
              <Link href="/sign-in">Sign in</Link>
            </Button>
          </div>
        )}
      </section>

      {actor && (
        <>
          <section aria-labelledby="workspaces" className="mt-12">
            <h2
              id="workspaces"
              className="text-muted text-sm font-semibold tracking-wide uppercase"
            >
              Your workspaces
            </h2>
            {workspaces.length === 0 ? (
              <p className="text-muted mt-3">
                You are not in a workspace yet. Create one below, or open an invitation link you
                were sent.
              </p>
            ) : (
              <ul className="divide-line border-line mt-3 divide-y rounded-xl border bg-white">
                {workspaces.map((workspace) => (
                  <li key={workspace.id}>
                    <Link
                      href={`/workspaces/${workspace.id}`}
                      className="hover:bg-ink/[0.03] flex items-center justify-between gap-4 px-4 py-4 sm:px-5"
                    >
                      <span className="flex items-center gap-3">
                        <UsersIcon className="text-muted size-4" aria-hidden />
                        <span>
                          <span className="font-medium">{workspace.name}</span>
                          <span className="text-muted block text-sm">
                            {workspace.kind === "class" ? "Class" : "Team"} · {workspace.role} ·{" "}
                            {workspace.memberCount}{" "}
                            {workspace.memberCount === 1 ? "member" : "members"} ·{" "}
                            {workspace.documentCount}{" "}
                            {workspace.documentCount === 1 ? "document" : "documents"}
                          </span>
                        </span>
                      </span>
                      <ArrowRightIcon className="text-muted size-4" aria-hidden />
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section
            id="new-workspace"
            aria-labelledby="new-workspace-title"
            className="border-line mt-10 rounded-xl border bg-white p-5 sm:p-6"
          >
            <h2 id="new-workspace-title" className="font-semibold">
              New workspace
            </h2>
            <p className="text-muted mt-1 mb-4 text-sm">
              It starts with EurasiaNet&apos;s piece on the informal CSTO summit, ready to read.
            </p>
            <NewWorkspaceForm action={createWorkspaceAction} />
          </section>
        </>
      )}
    </div>
  );
}
