// What the reader page ships to the browser about a document's annotations. The API's shape
// (docs/api.md) spells every annotation out as an object with its selectors, ids and abilities:
// about 670 bytes each, over a megabyte for 2,000 highlights, all parsed before the first one
// is painted. The reader needs less: where it is, who wrote it, its tags and a few flags. So
// the page sends one small row per annotation, names once in dictionaries, and the quote only
// where it is not simply the text at the anchor. `decodeReaderAnnotations` turns the rows back
// into the objects the reading surface works with (the same shape the API's replies fit).

export type AnchorState = "exact" | "fuzzy" | "orphaned";

export interface AnnotationItem {
  id: string;
  author: { id: string; name: string };
  target: { quote: { exact: string } };
  anchor: { state: AnchorState; start: number | null; end: number | null };
  tags: string[];
  visibility: "workspace" | "private";
  status: "open" | "resolved";
  replyCount: number;
  /** The comment as the server rendered it from validated Tiptap JSON, or null. */
  bodyHtml: string | null;
  /** The comment was changed after it was written. */
  edited: boolean;
  /** Imported from another tool: who made it there (the importer is `author`), else null. */
  importedAuthor: string | null;
  abilities: { update: boolean; delete: boolean; resolve: boolean; reply: boolean };
}

/** [id, start, end, author index, tag indexes, flags, reply count, quote when not the text at
 * the anchor (else null), comment HTML (or null), imported author]; trailing empty columns are
 * left off. */
export type ReaderRow = [
  string,
  number | null,
  number | null,
  number,
  number[],
  number,
  number,
  (string | null)?,
  (string | null)?,
  (string | null)?,
];

export interface ReaderAnnotations {
  authors: Array<{ id: string; name: string }>;
  tags: string[];
  rows: ReaderRow[];
}

const PRIVATE = 1;
const RESOLVED = 2;
const STATE_SHIFT = 2; // two bits: 0 exact, 1 fuzzy, 2 orphaned
const ABILITIES = ["update", "delete", "resolve", "reply"] as const;
const ABILITY_SHIFT = 4;
const STATES: AnchorState[] = ["exact", "fuzzy", "orphaned"];
const EDITED = 1 << (ABILITY_SHIFT + ABILITIES.length);

export function encodeReaderAnnotations(
  items: Iterable<AnnotationItem>,
  text: string,
): ReaderAnnotations {
  const authors: ReaderAnnotations["authors"] = [];
  const authorIndex = new Map<string, number>();
  const tags: string[] = [];
  const tagIndex = new Map<string, number>();
  const rows: ReaderRow[] = [];
  for (const item of items) {
    let author = authorIndex.get(item.author.id);
    if (author === undefined) {
      author = authors.push({ id: item.author.id, name: item.author.name }) - 1;
      authorIndex.set(item.author.id, author);
    }
    const tagRefs = item.tags.map((name) => {
      let index = tagIndex.get(name);
      if (index === undefined) {
        index = tags.push(name) - 1;
        tagIndex.set(name, index);
      }
      return index;
    });
    let flags =
      (item.visibility === "private" ? PRIVATE : 0) |
      (item.status === "resolved" ? RESOLVED : 0) |
      (STATES.indexOf(item.anchor.state) << STATE_SHIFT);
    ABILITIES.forEach((name, bit) => {
      if (item.abilities[name]) flags |= 1 << (ABILITY_SHIFT + bit);
    });
    if (item.edited) flags |= EDITED;
    const { start, end } = item.anchor;
    const row: ReaderRow = [item.id, start, end, author, tagRefs, flags, item.replyCount];
    // The quote travels only when the text at the anchor does not already spell it.
    const atAnchor = start !== null && end !== null ? text.slice(start, end) : null;
    const quote = atAnchor === item.target.quote.exact ? null : item.target.quote.exact;
    const tail = [quote, item.bodyHtml || null, item.importedAuthor || null];
    while (tail.length && tail.at(-1) === null) tail.pop();
    row.push(...tail);
    rows.push(row);
  }
  return { authors, tags, rows };
}

export function decodeReaderAnnotations(
  payload: ReaderAnnotations,
  text: string,
): AnnotationItem[] {
  return payload.rows.map(
    ([id, start, end, author, tagRefs, flags, replyCount, quote, html, imported]) => ({
      id,
      author: payload.authors[author]!,
      target: {
        quote: {
          exact: quote ?? (start !== null && end !== null ? text.slice(start, end) : ""),
        },
      },
      anchor: { state: STATES[(flags >> STATE_SHIFT) & 3]!, start, end },
      tags: tagRefs.map((index) => payload.tags[index]!),
      visibility: flags & PRIVATE ? "private" : "workspace",
      status: flags & RESOLVED ? "resolved" : "open",
      replyCount,
      bodyHtml: html ?? null,
      edited: Boolean(flags & EDITED),
      importedAuthor: imported ?? null,
      abilities: {
        update: Boolean(flags & (1 << ABILITY_SHIFT)),
        delete: Boolean(flags & (1 << (ABILITY_SHIFT + 1))),
        resolve: Boolean(flags & (1 << (ABILITY_SHIFT + 2))),
        reply: Boolean(flags & (1 << (ABILITY_SHIFT + 3))),
      },
    }),
  );
}

/** An annotation as the API returns it (docs/api.md), in the reader's shape. */
export function fromApiAnnotation(view: {
  id: string;
  author: { id: string; name: string };
  target: { quote: { exact: string } };
  anchor: { state: AnchorState; start: number | null; end: number | null };
  tags: string[];
  visibility: "workspace" | "private";
  status: "open" | "resolved";
  replyCount: number;
  bodyHtml: string | null;
  editedAt: string | null;
  importedAuthor?: string | null;
  abilities: AnnotationItem["abilities"];
}): AnnotationItem {
  return {
    id: view.id,
    author: { id: view.author.id, name: view.author.name },
    target: { quote: { exact: view.target.quote.exact } },
    anchor: { state: view.anchor.state, start: view.anchor.start, end: view.anchor.end },
    tags: view.tags,
    visibility: view.visibility,
    status: view.status,
    replyCount: view.replyCount,
    bodyHtml: view.bodyHtml,
    edited: view.editedAt !== null,
    importedAuthor: view.importedAuthor ?? null,
    abilities: {
      update: view.abilities.update,
      delete: view.abilities.delete,
      resolve: view.abilities.resolve,
      reply: view.abilities.reply,
    },
  };
}
