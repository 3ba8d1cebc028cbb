import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

// Tests add documents to the demo workspace; the one that counts uses a workspace of its own.

async function openLibrary(page: Page): Promise<void> {
  await page.goto("/");
  await page.getByRole("link", { name: /CSTO reading group/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "CSTO reading group" })).toBeVisible();
}

async function documentCount(page: Page): Promise<number> {
  const workspaceId = page.url().split("/").pop();
  const response = await page.request.get(`/api/v1/workspaces/${workspaceId}/documents?limit=500`);
  return (await response.json()).items.length;
}

test("a reader pastes Markdown and reads it", async ({ signedIn: page }) => {
  await openLibrary(page);
  await page.getByRole("button", { name: "Add document" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a document" });
  await dialog
    .getByLabel("Text", { exact: true })
    .fill("# Field notes\n\nThe *alliance* shows friction.\n\n> A quoted line.");
  await dialog.getByLabel("Format").selectOption("markdown");
  await dialog.getByRole("button", { name: "Add document" }).click();

  await expect(page).toHaveURL(/\/documents\//);
  await expect(page.getByRole("heading", { level: 1, name: "Field notes" })).toBeVisible();
  await expect(page.locator("[data-article-text] p")).toHaveText("The alliance shows friction.");
  await expect(page.locator("[data-article-text] blockquote")).toHaveText("A quoted line.");
});

test("an uploaded HTML file is reduced to text and no script of it runs", async ({
  signedIn: page,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await openLibrary(page);
  await page.getByRole("button", { name: "Add document" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a document" });
  await dialog.getByRole("tab", { name: "Upload a file" }).click();
  await dialog.getByLabel("File", { exact: true }).setInputFiles({
    name: "brief.html",
    mimeType: "text/html",
    buffer: Buffer.from(
      `<html><head><title>Briefing</title><script>alert("head")</script></head><body>
       <article><h2>Summary</h2><p>Moscow <em>convened</em> its allies.<img src=x onerror="alert('img')"></p>
       <ul><li>Armenia</li><li>Belarus</li></ul><script>alert("body")</script></article></body></html>`,
    ),
  });
  await dialog.getByRole("button", { name: "Add document" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Briefing" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Summary" })).toBeVisible();
  await expect(page.locator("[data-article-text] li")).toHaveText([/^Armenia/, /^Belarus/]);
  await expect(page.locator("[data-article-text] img, [data-article-text] script")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test("bad uploads get a clear message, keep the dialog open and add nothing", async ({
  signedIn: page,
}) => {
  // A workspace of its own: other tests add documents to the demo workspace meanwhile.
  const created = await page.request.post("/api/v1/workspaces", {
    data: { name: `Upload drill ${Date.now().toString(36)}`, kind: "team" },
  });
  expect(created.status()).toBe(201);
  await page.goto(`/workspaces/${(await created.json()).id}`);
  const before = await documentCount(page);
  await page.getByRole("button", { name: "Add document" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a document" });
  await dialog.getByRole("tab", { name: "Upload a file" }).click();

  const attempts = [
    {
      name: "photo.txt",
      mimeType: "text/plain",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]),
      message: /not text|binary/i,
    },
    {
      name: "latin1.txt",
      mimeType: "text/plain",
      buffer: Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      message: /not valid UTF-8/,
    },
    {
      name: "paper.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.7"),
      message: /\.txt/,
    },
    {
      name: "huge.txt",
      mimeType: "text/plain",
      buffer: Buffer.alloc(300 * 1024, "a"),
      message: /limit is 256 KB|limit is 0\.3 MB|the limit/i,
    },
  ];
  for (const attempt of attempts) {
    await dialog.getByLabel("File", { exact: true }).setInputFiles(attempt);
    await dialog.getByRole("button", { name: "Add document" }).click();
    await expect(dialog.getByRole("alert")).toHaveText(attempt.message);
    await expect(dialog).toBeVisible();
  }
  expect(await documentCount(page)).toBe(before);
});

test("pasted text survives a refusal", async ({ signedIn: page }) => {
  await openLibrary(page);
  await page.getByRole("button", { name: "Add document" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a document" });
  await dialog.getByLabel("Title", { exact: true }).fill("Kept title");
  await dialog.getByLabel("Text", { exact: true }).fill("Some pasted words.");
  await dialog.getByLabel("Source URL").fill("javascript:alert(1)");
  await dialog.getByRole("button", { name: "Add document" }).click();
  await expect(dialog.getByRole("alert")).toContainText(/http or https/);
  await expect(dialog.getByLabel("Text", { exact: true })).toHaveValue("Some pasted words.");
  await expect(dialog.getByLabel("Title", { exact: true })).toHaveValue("Kept title");
});
