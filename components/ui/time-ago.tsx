"use client";

import { useHydrated } from "@/lib/client/use-hydrated";

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 minutes ago" in the browser; the server (and the first render) print the date, so the
 * page hydrates without a mismatch. The exact time is in the title. */
export function TimeAgo({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  const date = new Date(iso);
  const absolute = date.toLocaleString("en", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: hydrated ? undefined : "UTC",
  });
  return (
    <time dateTime={iso} title={absolute} className={className}>
      {hydrated
        ? relative(date)
        : date.toLocaleDateString("en", { dateStyle: "medium", timeZone: "UTC" })}
    </time>
  );
}

function relative(date: Date): string {
  const seconds = (date.getTime() - Date.now()) / 1000;
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS)
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return "just now";
}
