// The benchmark harness: every benchmark measures its subject and a baseline in the same run,
// on the same machine, and reports figures, ratios and whether the budget holds. `npm run bench`
// prints one table; later issues add benchmarks to tests/bench/run.ts.

export interface Figure {
  /** What was measured, e.g. "canonicalize 100 KB HTML". */
  name: string;
  value: number;
  unit: string;
  /** The same measure of the baseline, taken in this run. */
  baseline?: number;
  baselineName?: string;
  /** True when a smaller value is better (times, memory); false for rates. */
  lowerIsBetter?: boolean;
  /** A budget for this figure, checked and printed. */
  budget?: { max?: number; min?: number; minRatio?: number };
}

export interface Benchmark {
  name: string;
  run(): Promise<Figure[]>;
}

export interface Sample {
  median: number;
  p95: number;
  min: number;
}

/** Times fn `iterations` times after `warmup` runs; milliseconds. */
export async function timeIt(
  fn: () => unknown,
  options: { iterations?: number; warmup?: number } = {},
): Promise<Sample> {
  const iterations = options.iterations ?? 20;
  for (let i = 0; i < (options.warmup ?? 3); i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]!,
    min: samples[0]!,
  };
}

/** How many times better the subject is than the baseline (>1 is better). */
export function ratio(figure: Figure): number | undefined {
  if (figure.baseline === undefined || figure.value === 0 || figure.baseline === 0)
    return undefined;
  return figure.lowerIsBetter === false
    ? figure.value / figure.baseline
    : figure.baseline / figure.value;
}

export function meetsBudget(figure: Figure): boolean | undefined {
  const budget = figure.budget;
  if (!budget) return undefined;
  if (budget.max !== undefined && figure.value > budget.max) return false;
  if (budget.min !== undefined && figure.value < budget.min) return false;
  const r = ratio(figure);
  if (budget.minRatio !== undefined && (r === undefined || r < budget.minRatio)) return false;
  return true;
}

function format(value: number | undefined, unit = ""): string {
  if (value === undefined) return "";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ""}`;
}

function describeBudget(figure: Figure): string {
  const budget = figure.budget;
  if (!budget) return "";
  const parts = [
    budget.max !== undefined ? `≤ ${format(budget.max, figure.unit)}` : "",
    budget.min !== undefined ? `≥ ${format(budget.min, figure.unit)}` : "",
    budget.minRatio !== undefined ? `≥ ${budget.minRatio}× baseline` : "",
  ].filter(Boolean);
  return `${parts.join(", ")} ${meetsBudget(figure) ? "ok" : "MISSED"}`;
}

export function renderTable(results: Array<{ benchmark: string; figures: Figure[] }>): string {
  const header = ["benchmark", "measure", "value", "baseline", "ratio", "budget"];
  const rows = results.flatMap(({ benchmark, figures }) =>
    figures.map((figure) => [
      benchmark,
      figure.name,
      format(figure.value, figure.unit),
      figure.baseline !== undefined
        ? `${format(figure.baseline, figure.unit)}${figure.baselineName ? ` (${figure.baselineName})` : ""}`
        : "",
      ratio(figure) !== undefined ? `${format(ratio(figure))}×` : "",
      describeBudget(figure),
    ]),
  );
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}
