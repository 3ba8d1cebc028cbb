// Maps between canonical-text offsets and the reader's DOM: every block element carries
// data-start/data-end and holds exactly its block's text, so an offset is a block plus a
// position in its text node. Pure DOM code, used in the browser only.

export interface TextRange {
  start: number;
  end: number;
}

function blocks(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>("[data-start][data-end]"));
}

/** The text node and offset inside it at `offset` characters into the block (a block may hold
 * several text nodes, e.g. when <mark>s split it). Buttons after the text are not text. */
function pointAt(block: Element, offset: number): { node: Text; offset: number } | null {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest("button") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  let last: Text | null = null;
  let remaining = offset;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining <= node.length) return { node, offset: remaining };
    remaining -= node.length;
    last = node;
  }
  return last ? { node: last, offset: last.length } : null;
}

/** A DOM Range for [start, end) of the canonical text, or null when nothing of it is shown. */
export function rangeFromOffsets(
  root: Element,
  start: number,
  end: number,
  all = blocks(root),
): Range | null {
  const first = all.find((block) => Number(block.dataset.end) > start);
  const last = [...all].reverse().find((block) => Number(block.dataset.start) < end);
  if (!first || !last) return null;
  const from = pointAt(first, Math.max(0, start - Number(first.dataset.start)));
  const to = pointAt(
    last,
    Math.max(0, Math.min(end, Number(last.dataset.end)) - Number(last.dataset.start)),
  );
  if (!from || !to) return null;
  const range = root.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range.collapsed ? null : range;
}

/** The canonical offset of a DOM point inside the article, or null outside it. */
export function offsetOfPoint(root: Element, node: Node, offset: number): number | null {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const block = element?.closest<HTMLElement>("[data-start][data-end]");
  if (!block || !root.contains(block)) {
    // A point between blocks (e.g. a selection ending at the next paragraph's start).
    if (node === root || (element && root.contains(element))) {
      const children = blocks(root);
      const before = children.filter(
        (child) => child.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      const at = before.at(-1);
      return at ? Number(at.dataset.end) : 0;
    }
    return null;
  }
  // Count the characters from the block's start to the point: robust to <mark>s inside it.
  const before = block.ownerDocument.createRange();
  before.setStart(block, 0);
  before.setEnd(node, offset);
  const length = Math.min(
    before.toString().length,
    Number(block.dataset.end) - Number(block.dataset.start),
  );
  return Number(block.dataset.start) + length;
}

/** The canonical offsets of the current selection, when it lies in the article and is not empty. */
export function selectionOffsets(root: Element, selection: Selection | null): TextRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const start = offsetOfPoint(root, range.startContainer, range.startOffset);
  const end = offsetOfPoint(root, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}
