import { readdirSync, readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { anchor, describeRange, reanchorAll, type Anchor, type AnchorState } from "./index";

// Golden fixtures: selectors are derived from `before` as the editor would have stored them,
// then anchored into `after`. Every fixture must hold however the anchors are computed: one by
// one, in bulk, and in bulk with the old text to diff against.

interface Fixture {
  name: string;
  before: string;
  after: string;
  annotations: Array<{
    start: number;
    end: number;
    note?: string;
    expect: { state: AnchorState; quote?: string };
  }>;
}

const directory = new URL("./fixtures/", import.meta.url);
const fixtures = readdirSync(directory)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({
    file,
    fixture: JSON.parse(readFileSync(new URL(file, directory), "utf8")) as Fixture,
  }));

function check(fixture: Fixture, anchors: Anchor[]) {
  fixture.annotations.forEach((annotation, i) => {
    const result = anchors[i]!;
    const label = `${fixture.before.slice(annotation.start, annotation.end).slice(0, 60)} (${annotation.note ?? i})`;
    expect(result.state, label).toBe(annotation.expect.state);
    expect(result.score, label).toBeGreaterThanOrEqual(0);
    expect(result.score, label).toBeLessThanOrEqual(1);
    if (annotation.expect.state === "orphaned") {
      expect(result.start, label).toBeNull();
      expect(result.end, label).toBeNull();
    } else {
      const found = fixture.after.slice(result.start!, result.end!);
      expect(found, label).toBe(
        annotation.expect.quote ?? fixture.before.slice(annotation.start, annotation.end),
      );
    }
  });
}

const seedText = readFileSync(
  new URL("../../../prisma/seed/csto-summit.txt", import.meta.url),
  "utf8",
)
  .trimEnd()
  .split("\n")
  .join("\n\n");

describe("anchoring fixtures", () => {
  it("has fixtures to run", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  it("builds the seed fixtures on the seed article's canonical text", () => {
    const seeded = fixtures.filter(({ file }) => file.startsWith("seed-"));
    expect(seeded.length).toBeGreaterThan(0);
    for (const { fixture } of seeded) expect(fixture.before).toBe(seedText);
    expect(seedText.indexOf("trial balloons")).toBe(4357);
  });

  describe.each(fixtures)("$file", ({ fixture }) => {
    const targets = fixture.annotations.map((a) => describeRange(fixture.before, a.start, a.end));

    it(`${fixture.name}: anchor() one by one`, () => {
      check(
        fixture,
        targets.map((target) => anchor(fixture.after, target)),
      );
    });

    it(`${fixture.name}: reanchorAll() without the old text`, () => {
      check(fixture, reanchorAll(fixture.after, targets));
    });

    it(`${fixture.name}: reanchorAll() with the old text`, () => {
      check(fixture, reanchorAll(fixture.after, targets, fixture.before));
    });
  });
});
