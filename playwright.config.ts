import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { defineConfig } from "@playwright/test";

import { chromiumLaunchOptions } from "./tests/support/chromium";

// The e2e suite runs the production build (`next build` first, see `npm run test:e2e`)
// through the same launcher as `npm start`, on a fresh embedded PostgreSQL in a temporary
// folder. The folder is chosen once and handed to workers through the environment.
const port = Number(process.env.E2E_PORT ?? 3197);
process.env.GLOSSA_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "glossa-e2e-"));
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions(),
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/run.ts start",
    url: `${baseURL}/api/v1/health`,
    env: {
      PORT: String(port),
      GLOSSA_DATA_DIR: process.env.GLOSSA_E2E_DATA_DIR,
      DATABASE_URL: "",
      GLOSSA_MAX_UPLOAD_BYTES: String(256 * 1024),
    },
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
