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

function textNode(block: Element): Text | null {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
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
  const firstText = textNode(first);
  const lastText = textNode(last);
  if (!firstText || !lastText) return null;
  const range = root.ownerDocument.createRange();
  range.setStart(
    firstText,
    Math.max(0, Math.min(firstText.length, start - Number(first.dataset.start))),
  );
  range.setEnd(lastText, Math.max(0, Math.min(lastText.length, end - Number(last.dataset.start))));
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
