import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl px-5 py-20 text-center">
      <h1 className="font-serif text-3xl font-semibold">Not found</h1>
      <p className="text-muted mt-3">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="text-accent mt-6 inline-block hover:underline">
        Back to Glossa
      </Link>
    </div>
  );
}
