import { expect, test, type Page } from "@playwright/test";

import { DEMO, signInAs } from "./fixtures";

const SEED_TITLE = "Russia Seeking Support on Ukraine, Not Finding Much From Allies";

async function openSeed(page: Page): Promise<void> {
  await page.goto("/");
  await page.getByRole("link", { name: /CSTO reading group/ }).click();
  await page
    .getByRole("link", { name: new RegExp(SEED_TITLE) })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: SEED_TITLE })).toBeVisible();
}

/** Selects the first occurrence of `phrase` in the article, as a mouse drag would. */
async function select(page: Page, phrase: string): Promise<void> {
  await page.locator("[data-reading-surface][data-hydrated]").waitFor();
  await page.evaluate((text) => {
    const block = [...document.querySelectorAll("[data-article-text] [data-start]")].find(
      (element) => element.textContent!.includes(text),
    )!;
    const node = block.firstChild as Text;
    const at = node.data.indexOf(text);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, phrase);
  await expect(page.getByRole("toolbar", { name: "Annotate the selection" })).toBeVisible();
}

async function paintedCount(page: Page): Promise<number> {
  const style = page.locator("style[data-glossa-highlights]");
  await expect(style).toHaveCount(1);
  return Number(await style.getAttribute("data-glossa-highlights"));
}

test("a member tags “trial balloons”; after a reload it is highlighted and listed under its tag; a second member sees it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const amina = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.21" },
  });
  const page = await amina.newPage();
  await signInAs(page, DEMO.owner.email);
  await openSeed(page);
  const before = await page.locator("[data-margin] [data-annotation-card]").count();

  await select(page, "trial balloons");
  await page.keyboard.press("t");
  await page.getByRole("combobox", { name: "Tag" }).fill("trial balloon");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  const card = page
    .locator("[data-margin] [data-annotation-card]")
    .filter({ hasText: "trial balloons" });
  await expect(card).toHaveCount(1);

  await page.reload();
  await expect(card).toContainText("trial balloon");
  expect(await paintedCount(page)).toBe(before + 1);
  // The painted range covers exactly the passage.
  const highlighted = await page.evaluate(() => {
    const texts: string[] = [];
    for (const [, highlight] of CSS.highlights)
      for (const range of highlight) texts.push(range.toString());
    return texts;
  });
  expect(highlighted).toContain("trial balloons");

  // Listed under its tag, with a count; the filter is in the URL.
  await page
    .getByRole("navigation", { name: "Filter annotations" })
    .getByRole("link", { name: /trial balloon/ })
    .click();
  await expect(page).toHaveURL(/tag=trial\+balloon/);
  await expect(page.locator("[data-margin] [data-annotation-card]")).toHaveText([/trial balloons/]);

  // Clicking the highlighted words focuses the card.
  await page.getByText("trial balloons", { exact: false }).last().click();
  await expect(card).toBeFocused();

  // A second member sees it, live data from the server.
  const ben = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.22" },
  });
  const benPage = await ben.newPage();
  await signInAs(benPage, DEMO.member.email);
  await openSeed(benPage);
  const benCard = benPage
    .locator("[data-margin] [data-annotation-card]")
    .filter({ hasText: "trial balloons" });
  await expect(benCard).toContainText("Amina Karimova");
  await expect(benCard).toContainText("trial balloon");
  await expect(benCard.getByRole("button", { name: "Delete annotation" })).toHaveCount(0);
  await amina.close();
  await ben.close();
});

test("private highlights are labelled and stay with their author", async ({ browser }) => {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.23" },
  });
  const page = await context.newPage();
  await signInAs(page, DEMO.member.email);
  await openSeed(page);
  await select(page, "motley crew");
  await page.getByRole("checkbox", { name: "Private" }).check();
  await page.getByRole("button", { name: /Highlight/ }).click();
  const card = page
    .locator("[data-margin] [data-annotation-card]")
    .filter({ hasText: "motley crew" });
  await expect(card).toContainText("Private: only you");

  const other = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.24" },
  });
  const otherPage = await other.newPage();
  await signInAs(otherPage, DEMO.owner.email);
  await openSeed(otherPage);
  await expect(otherPage.locator("[data-margin]")).not.toContainText("motley crew");
  await context.close();
  await other.close();
});

test("a screen-reader user annotates a whole paragraph with the keyboard", async ({ browser }) => {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.25" },
  });
  const page = await context.newPage();
  await signInAs(page, DEMO.member.email);
  await openSeed(page);
  const button = page.getByRole("button", { name: "Annotate this paragraph" }).nth(1);
  await button.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("h");
  await expect(
    page
      .locator("[data-margin] [data-annotation-card]")
      .filter({ hasText: "For one, there was the absence" }),
  ).toHaveCount(1);
  await context.close();
});

test("an owner revises the article and the highlight follows its passage", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.26" },
  });
  const page = await context.newPage();
  await signInAs(page, DEMO.owner.email);
  // Its own document: other tests read the seed article at the same time.
  const workspaces = await (await page.request.get("/api/v1/workspaces")).json();
  const created = await page.request.post(
    `/api/v1/workspaces/${workspaces.items[0].id}/documents`,
    {
      data: {
        title: "Revision drill",
        text: "For one, there was the absence of Nursultan Nazarbayev.\nKazakhstan is the member with the most stature.",
      },
    },
  );
  expect(created.status()).toBe(201);
  await page.goto(`/documents/${(await created.json()).id}`);
  await select(page, "Nursultan Nazarbayev");
  await page.getByRole("button", { name: /Highlight/ }).click();
  const card = page
    .locator("[data-margin] [data-annotation-card]")
    .filter({ hasText: "Nursultan Nazarbayev" });
  await expect(card).toHaveCount(1);

  await page.getByRole("button", { name: "Revise" }).click();
  const dialog = page.getByRole("dialog", { name: "Revise the article" });
  const text = await dialog.getByLabel("Text").inputValue();
  await dialog.getByLabel("Text").fill(`An editor's note added above the article.\n\n${text}`);
  await dialog.getByRole("button", { name: "Save revision" }).click();
  await expect(dialog.getByRole("status")).toContainText(/Revision \d+ saved/);
  await page.keyboard.press("Escape");
  await page.reload();
  await expect(page.locator("[data-article-text]")).toContainText(
    "An editor's note added above the article.",
  );
  await expect(card).toHaveCount(1);
  await expect(card).not.toContainText("Text changed");
  const highlighted = await page.evaluate(() => {
    const texts: string[] = [];
    CSS.highlights.forEach((highlight) =>
      highlight.forEach((range) => texts.push(range.toString())),
    );
    return texts;
  });
  expect(highlighted).toContain("Nursultan Nazarbayev");
  await context.close();
});

test("on a touch screen the toolbar sits below the selection, and tapping a highlight opens its card", async ({
  browser,
}) => {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.27" },
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  await signInAs(page, DEMO.owner.email);
  const workspaces = await (await page.request.get("/api/v1/workspaces")).json();
  const created = await page.request.post(
    `/api/v1/workspaces/${workspaces.items[0].id}/documents`,
    {
      data: {
        title: "Touch drill",
        text: "Tajikistan must participate in the peacekeeping operation.",
      },
    },
  );
  expect(created.status()).toBe(201);
  const documentId = (await created.json()).id;
  await page.request.post(`/api/v1/documents/${documentId}/annotations`, {
    data: { target: { quote: { exact: "peacekeeping operation" } } },
  });
  await page.goto(`/documents/${documentId}`);
  await select(page, "Tajikistan must");
  const toolbar = await page.getByRole("toolbar", { name: "Annotate the selection" }).boundingBox();
  const selection = await page.evaluate(() => {
    const rect = getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { bottom: rect.bottom + window.scrollY };
  });
  expect(toolbar!.y + (await page.evaluate(() => window.scrollY))).toBeGreaterThan(
    selection.bottom,
  );
  await page.keyboard.press("Escape");
  // Tapping the highlight opens the margin's sheet on its card and outlines the passage.
  const box = await page.evaluate(() => {
    const block = document.querySelector("[data-article-text] [data-start]")!;
    const node = block.firstChild as Text;
    const at = node.data.indexOf("peacekeeping");
    const range = document.createRange();
    range.setStart(node, at + 2);
    range.setEnd(node, at + 3);
    const rect = range.getBoundingClientRect();
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  });
  await page.touchscreen.tap(box.x, box.y);
  const sheet = page.getByRole("dialog", { name: "Annotations" });
  await expect(sheet.locator("[data-annotation-card]")).toBeFocused();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const focus = CSS.highlights.get("glossa-focus");
        return focus ? [...focus].map((range) => range.toString()) : [];
      }),
    )
    .toEqual(["peacekeeping operation"]);
  await context.close();
});
