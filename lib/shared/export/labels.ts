// How the exports name and date things. Who made an annotation or reply: for one imported from
// another tool, the name it had there and who brought it in ("mark (imported by Ben Okafor)"),
// so a name typed into a file never passes for a member's own words.

export function authorLabel(item: {
  author: { name: string };
  importedBy?: string | null;
}): string {
  return item.importedBy
    ? `${item.author.name} (imported by ${item.importedBy})`
    : item.author.name;
}

const DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "28 November 2026" (UTC), as the clip books write dates; an unreadable one as given. */
export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : DATE.format(time);
}
