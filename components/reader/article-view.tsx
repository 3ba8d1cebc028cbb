import { Fragment, type ReactNode } from "react";

import { blockOffsets, splitBlocks, type Block } from "@/lib/shared/documents/ingest";

export interface ArticleSource {
  url: string | null;
  author: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

// The article as readers see it: one element per block of the canonical text, each carrying
// its offsets so that highlights can be painted over the text without changing it.
export function ArticleView(props: {
  title: string;
  text: string;
  blocks: Block[];
  source: ArticleSource;
  wordCount: number;
  revisionNumber: number;
  /** The text of a block as rendered (default: the text itself; the reader passes <mark>s where
   * the Custom Highlight API is missing). */
  renderText?: (index: number, text: string, start: number) => ReactNode;
  /** Rendered after each block, outside its text (e.g. "Annotate this paragraph"). */
  afterBlock?: (index: number) => ReactNode;
}) {
  const text = (index: number, part: string) =>
    props.renderText?.(index, part, offsets[index]!.start) ?? part;
  const parts = splitBlocks(props.text);
  const offsets = blockOffsets(props.text);
  const minutes = Math.max(1, Math.round(props.wordCount / 230));
  return (
    <article lang="en" aria-labelledby="article-title">
      <header className="border-line mb-8 border-b pb-6">
        <h1
          id="article-title"
          className="font-serif text-[1.75rem] leading-tight font-semibold tracking-tight text-balance sm:text-4xl"
        >
          {props.title}
        </h1>
        <SourceLine source={props.source} minutes={minutes} revisionNumber={props.revisionNumber} />
      </header>
      <div className="prose-reader" data-article-text>
        {groupListItems(
          parts.map((part, index) => ({ part, index, block: props.blocks[index] ?? PARAGRAPH })),
        ).map((group) =>
          group.kind === "list" ? (
            <ul key={`l${group.items[0]!.index}`}>
              {group.items.map(({ part, index }) => (
                <li
                  key={index}
                  id={`b${index}`}
                  data-start={offsets[index]!.start}
                  data-end={offsets[index]!.end}
                >
                  {text(index, part)}
                  {props.afterBlock?.(index)}
                </li>
              ))}
            </ul>
          ) : (
            <Fragment key={group.item.index}>
              <BlockElement
                block={group.item.block}
                id={`b${group.item.index}`}
                start={offsets[group.item.index]!.start}
                end={offsets[group.item.index]!.end}
              >
                {text(group.item.index, group.item.part)}
              </BlockElement>
              {props.afterBlock?.(group.item.index)}
            </Fragment>
          ),
        )}
      </div>
    </article>
  );
}

const PARAGRAPH: Block = { type: "paragraph" };

type Item = { part: string; index: number; block: Block };
type Group = { kind: "list"; items: Item[] } | { kind: "block"; item: Item };

/** Consecutive list items render as one list. */
function groupListItems(items: Item[]): Group[] {
  const groups: Group[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (item.block.type !== "list-item") groups.push({ kind: "block", item });
    else if (last?.kind === "list") last.items.push(item);
    else groups.push({ kind: "list", items: [item] });
  }
  return groups;
}

function BlockElement(props: {
  block: Block;
  id: string;
  start: number;
  end: number;
  children: ReactNode;
}) {
  const common = { id: props.id, "data-start": props.start, "data-end": props.end };
  switch (props.block.type) {
    case "heading": {
      // The title is the page's h1: article headings start at h2.
      const level = Math.min(6, Math.max(2, (props.block.level ?? 2) + 1));
      const Tag = `h${level}` as "h2" | "h3" | "h4" | "h5" | "h6";
      return <Tag {...common}>{props.children}</Tag>;
    }
    case "quote":
      return <blockquote {...common}>{props.children}</blockquote>;
    case "code":
      return <pre {...common}>{props.children}</pre>;
    default:
      return <p {...common}>{props.children}</p>;
  }
}

function SourceLine(props: { source: ArticleSource; minutes: number; revisionNumber: number }) {
  const { source } = props;
  const published = source.publishedAt
    ? new Date(source.publishedAt).toLocaleDateString("en", {
        year: "numeric",
        month: "long",
        day: "numeric",
        timeZone: "UTC",
      })
    : null;
  const origin = source.publisher ?? (source.url ? new URL(source.url).hostname : null);
  return (
    <p
      className="text-muted mt-3 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm [&>*+*]:before:mr-2 [&>*+*]:before:content-['·']"
      data-source-line
    >
      {source.author && <span>By {source.author}</span>}
      {origin && (
        <span>
          {source.url ? (
            <a
              href={source.url}
              rel="noopener noreferrer nofollow"
              target="_blank"
              className="hover:text-ink underline underline-offset-2"
            >
              {origin}
            </a>
          ) : (
            origin
          )}
        </span>
      )}
      {published && <time dateTime={source.publishedAt!}>{published}</time>}
      <span>{props.minutes} min read</span>
      {props.revisionNumber > 1 && <span>Revision {props.revisionNumber}</span>}
    </p>
  );
}
