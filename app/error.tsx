"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl px-5 py-20 text-center">
      <h1 className="font-serif text-3xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-muted">The page could not be shown. Your work is safe; try again in a moment.</p>
      <button onClick={reset} className="mt-6 text-accent hover:underline">
        Try again
      </button>
    </div>
  );
}
