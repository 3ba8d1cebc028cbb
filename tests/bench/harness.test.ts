import { describe, expect, it } from "vitest";

import { meetsBudget, ratio, renderTable, timeIt, type Figure } from "./harness";

describe("bench harness", () => {
  it("computes ratios in the direction that reads 'times better'", () => {
    expect(ratio({ name: "t", value: 10, unit: "ms", baseline: 50, lowerIsBetter: true })).toBe(5);
    expect(
      ratio({ name: "r", value: 200, unit: "rows/s", baseline: 100, lowerIsBetter: false }),
    ).toBe(2);
    expect(ratio({ name: "n", value: 1, unit: "ms" })).toBeUndefined();
  });

  it("checks every kind of budget", () => {
    const figure: Figure = {
      name: "t",
      value: 300,
      unit: "ms",
      baseline: 1200,
      lowerIsBetter: true,
    };
    expect(meetsBudget(figure)).toBeUndefined();
    expect(meetsBudget({ ...figure, budget: { max: 250 } })).toBe(false);
    expect(meetsBudget({ ...figure, budget: { max: 1000, minRatio: 5 } })).toBe(false);
    expect(meetsBudget({ ...figure, budget: { max: 1000, minRatio: 4 } })).toBe(true);
    expect(meetsBudget({ ...figure, budget: { min: 400 } })).toBe(false);
  });

  it("prints an aligned table with baselines, ratios and budget verdicts", () => {
    const table = renderTable([
      {
        benchmark: "b",
        figures: [
          {
            name: "fast",
            value: 10,
            unit: "ms",
            baseline: 100,
            baselineName: "naive",
            lowerIsBetter: true,
            budget: { minRatio: 5 },
          },
          { name: "slow", value: 90, unit: "ms", budget: { max: 50 } },
        ],
      },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[2]).toMatch(/fast .*10\.0 ms .*100 ms \(naive\) .*10\.0×.*ok/);
    expect(lines[3]).toMatch(/slow .*90\.0 ms.*MISSED/);
  });

  it("times a function and orders its samples", async () => {
    let calls = 0;
    const sample = await timeIt(() => (calls += 1), { iterations: 5, warmup: 2 });
    expect(calls).toBe(7);
    expect(sample.min).toBeLessThanOrEqual(sample.median);
    expect(sample.median).toBeLessThanOrEqual(sample.p95);
  });
});
