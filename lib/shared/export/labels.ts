// How the clip books and the spreadsheet name who made an annotation or reply: for one imported
// from another tool, the name it had there and who brought it in ("mark (imported by Ben
// Okafor)"), so a name typed into a file never passes for a member's own words.

export function authorLabel(item: {
  author: { name: string };
  importedBy?: string | null;
}): string {
  return item.importedBy
    ? `${item.author.name} (imported by ${item.importedBy})`
    : item.author.name;
}
