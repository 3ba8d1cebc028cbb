"use client";

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto max-w-xl px-5 py-20 text-center">
      <h1 className="font-serif text-3xl font-semibold">Something went wrong</h1>
      <p className="text-muted mt-3">
        The page could not be shown. Your work is safe; try again in a moment.
      </p>
      <button onClick={reset} className="text-accent mt-6 hover:underline">
        Try again
      </button>
    </div>
  );
}
