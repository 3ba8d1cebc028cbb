import { defineConfig } from "vitest/config";

const serverOnlyStub = new URL("./tests/support/empty-module.ts", import.meta.url).pathname;

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside React Server Components; tests run server code directly.
    alias: { "server-only": serverOnlyStub },
  },
  test: {
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses:
    // let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/bench/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // One throwaway database per run (embedded PostgreSQL, or on DATABASE_URL's server).
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/setup-env.ts"],
          fileParallelism: false,
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
