import { ArrowRightIcon, BookOpenIcon, UsersIcon } from "lucide-react";
import Link from "next/link";
import { connection } from "next/server";

import { Button } from "@/components/ui/button";
import { getFeaturedDocument } from "@/lib/server/documents/get-featured-document";
import { listWorkspaces } from "@/lib/server/workspaces/list-workspaces";

export default async function HomePage() {
  await connection();
  const [workspaces, featured] = await Promise.all([listWorkspaces(), getFeaturedDocument()]);

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-16">
      <section className="max-w-2xl">
        <h1 className="font-serif text-3xl leading-tight font-semibold tracking-tight sm:text-4xl">
          Read closely, together.
        </h1>
        <p className="text-muted mt-4 text-lg leading-relaxed">
          Open an article with your team or class, highlight the passages that matter, tag them, and
          talk them through in the margin. Then take the tagged excerpts with you.
        </p>
      </section>

      {featured && (
        <section
          aria-labelledby="start-reading"
          className="border-line mt-10 rounded-xl border bg-white p-5 shadow-sm sm:p-6"
        >
          <p
            id="start-reading"
            className="text-accent text-xs font-semibold tracking-wide uppercase"
          >
            Start reading
          </p>
          <h2 className="mt-2 font-serif text-2xl leading-snug font-semibold">
            <Link href={`/documents/${featured.id}`} className="hover:underline">
              {featured.title}
            </Link>
          </h2>
          <p className="text-muted mt-1 text-sm">
            {[featured.source.publisher, `${featured.wordCount.toLocaleString("en")} words`]
              .filter(Boolean)
              .join(" · ")}
          </p>
          <p className="text-ink/85 mt-3 line-clamp-3 font-serif leading-relaxed">
            {featured.excerpt}
          </p>
          <Button asChild className="mt-5">
            <Link href={`/documents/${featured.id}`}>
              <BookOpenIcon /> Read the article
            </Link>
          </Button>
        </section>
      )}

      <section aria-labelledby="workspaces" className="mt-12">
        <h2 id="workspaces" className="text-muted text-sm font-semibold tracking-wide uppercase">
          Workspaces
        </h2>
        {workspaces.length === 0 ? (
          <p className="text-muted mt-3">No workspaces yet.</p>
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
                        {workspace.kind === "class" ? "Class" : "Team"} · {workspace.documentCount}{" "}
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
    </div>
  );
}
