// Runs `prisma generate` on machines that cannot download Prisma's native schema engine.
// `generate` never calls the engine, but the CLI refuses to start unless
// PRISMA_SCHEMA_ENGINE_BINARY names an executable; where it is unset we name a stand-in that
// explains itself if anything ever does call it. On a machine with internet access the
// ordinary CLI keeps working: set the variable yourself, or run `npx prisma generate`.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const stub = fileURLToPath(new URL("./no-schema-engine.sh", import.meta.url));
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= stub;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["--no-install", "prisma", "generate", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
