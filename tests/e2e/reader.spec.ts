import { DEMO, expect, signInAs, test } from "./fixtures";

const SEED_TITLE = "Russia Seeking Support on Ukraine, Not Finding Much From Allies";

test("a member opens the demo workspace and reads the seed article", async ({ signedIn: page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Amina." })).toBeVisible();
  await page.getByRole("link", { name: /CSTO reading group/ }).click();
  await page.getByRole("link", { name: new RegExp(SEED_TITLE) }).click();

  await expect(page).toHaveURL(/\/documents\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: SEED_TITLE })).toBeVisible();
  await expect(page.locator("[data-source-line]")).toContainText("EurasiaNet");
  const article = page.locator("[data-article-text]");
  await expect(article.locator("p")).toHaveCount(11);
  await expect(article).toContainText("Are these trial balloons? We'll see");

  // Block offsets index into the canonical text the API serves.
  const last = article.locator("p").nth(9);
  const [start, end] = await Promise.all([
    last.getAttribute("data-start"),
    last.getAttribute("data-end"),
  ]);
  const id = page.url().split("/").pop();
  const api = await (await page.request.get(`/api/v1/documents/${id}`)).json();
  expect(api.text.slice(Number(start), Number(end))).toBe(await last.textContent());
  expect(api.text.indexOf("trial balloons")).toBe(4357);
});

test("the reader fits a 375 px wide phone without sideways scrolling", async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await signInAs(page, DEMO.member.email);
  await page.goto("/");
  await page.getByRole("link", { name: /CSTO reading group/ }).click();
  await page.getByRole("link", { name: new RegExp(SEED_TITLE) }).click();
  await expect(page.getByRole("heading", { level: 1, name: SEED_TITLE })).toBeVisible();
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  const fontSize = await page
    .locator("[data-article-text] p")
    .first()
    .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(16);
  await context.close();
});

test("unknown pages and API paths answer 404", async ({ signedIn: page, request }) => {
  const response = await page.goto("/documents/doesnotexist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  const api = await request.get("/api/v1/no/such/thing");
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({
    error: { code: "not_found", message: "No such API endpoint" },
  });
  const health = await request.get("/api/v1/health");
  expect(await health.json()).toEqual({ ok: true, db: "up" });
});
