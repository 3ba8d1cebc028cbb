// `npm run bench`: runs every benchmark and prints one table of figures, baselines measured in
// the same run, ratios and budgets. Exits non-zero when a budget is missed.
import { canonicalizeBenchmark } from "./canonicalize.bench";
import { exportBenchmark } from "./export.bench";
import { meetsBudget, renderTable, type Benchmark, type Figure } from "./harness";
import { liveBenchmark } from "./live.bench";
import { paintBenchmark } from "./paint.bench";
import { reanchorBenchmark } from "./reanchor.bench";

const benchmarks: Benchmark[] = [
  canonicalizeBenchmark,
  reanchorBenchmark,
  paintBenchmark,
  liveBenchmark,
  exportBenchmark,
];

const only = process.argv[2];
const results: Array<{ benchmark: string; figures: Figure[] }> = [];
for (const benchmark of benchmarks) {
  if (only && !benchmark.name.includes(only)) continue;
  process.stderr.write(`running ${benchmark.name}…\n`);
  results.push({ benchmark: benchmark.name, figures: await benchmark.run() });
}
console.log(renderTable(results));
const missed = results
  .flatMap((result) => result.figures)
  .filter((figure) => meetsBudget(figure) === false);
if (missed.length) {
  console.log(
    `\n${missed.length} budget(s) missed: ${missed.map((figure) => figure.name).join(", ")}`,
  );
  process.exit(1);
}
