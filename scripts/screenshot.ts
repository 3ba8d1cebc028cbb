// Takes screenshots of pages in headless Chromium: `npx tsx scripts/screenshot.ts URL OUT.png [width] [height]`.
// Used to look at pages as a person would, and for docs/screenshot.png.
import { chromium } from "@playwright/test";

import { chromiumLaunchOptions } from "../tests/support/chromium";

const [url, out, width = "1280", height = "900"] = process.argv.slice(2);
if (!url || !out) {
  console.error("usage: tsx scripts/screenshot.ts URL OUT.png [width] [height]");
  process.exit(2);
}
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(url, { waitUntil: "networkidle" });
await page.screenshot({ path: out, fullPage: process.env.FULL_PAGE === "1" });
await browser.close();
