import { describe, expect, it } from "vitest";

import { layoutThread } from "./layout";

const r = (id: string, parentId: string | null, deleted = false) => ({
  id,
  parentId,
  deleted,
  author: { name: id.toUpperCase() },
});

describe("a thread's layout", () => {
  it("puts answers under what they answer, oldest first, three levels deep and flat below", () => {
    const rows = layoutThread([
      r("a", null),
      r("b", null),
      r("a1", "a"),
      r("a1x", "a1"),
      r("a1x1", "a1x"),
      r("a1x1y", "a1x1"),
      r("b1", "b"),
      r("a2", "a"),
    ]);
    expect(rows.map((row) => [row.reply.id, row.depth, row.inReplyTo])).toEqual([
      ["a", 0, null],
      ["a1", 1, null],
      ["a1x", 2, null],
      ["a1x1", 2, "A1X"],
      ["a1x1y", 2, "A1X1"],
      ["a2", 1, null],
      ["b", 0, null],
      ["b1", 1, null],
    ]);
  });

  it("keeps a tombstone while an answer hangs below it, and drops it otherwise", () => {
    const rows = layoutThread([
      r("a", null, true),
      r("a1", "a"),
      r("b", null, true),
      r("c", null, true),
      r("c1", "c", true),
    ]);
    expect(rows.map((row) => row.reply.id)).toEqual(["a", "a1"]);
  });
});
