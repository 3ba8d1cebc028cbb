import { readFileSync } from "node:fs";

import { expect, test, type Browser, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";

import { parseCsv } from "../support/csv";
import { w3cMustFailures } from "../support/w3c-conformance";

import { DEMO, signInAs } from "./fixtures";

// The "done when": a member exports the seed article's excerpts tagged "trial balloon"
// as CSV, Markdown, Word and JSON-LD through the Export dialog, and each file holds them, right;
// the JSON-LD goes back in through the Import dialog of another workspace; the print view opens.
// Ben works in workspaces of his own holding the seed article (other tests read the demo
// workspace's copy at the same time).

const TITLE = "Russia Seeking Support on Ukraine, Not Finding Much From Allies";

async function signedInPage(browser: Browser, email: string, ip: string): Promise<Page> {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": ip },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

/** A workspace of Ben's own: it starts with the seed article, as every new one does. */
async function workspaceWithSeed(page: Page, name: string) {
  const workspace = await (
    await page.request.post("/api/v1/workspaces", { data: { name, kind: "class" } })
  ).json();
  const documents = await (
    await page.request.get(`/api/v1/workspaces/${workspace.id}/documents`)
  ).json();
  const seed = documents.items.find((item: { title: string }) => item.title === TITLE);
  expect(seed, "a new workspace greets with the seed article").toBeTruthy();
  return { workspaceId: workspace.id as string, documentId: seed.id as string };
}

async function download(page: Page, format: RegExp): Promise<{ name: string; bytes: Buffer }> {
  const dialog = page.getByRole("dialog", { name: /Export/ });
  await dialog.getByRole("radio", { name: format }).check();
  await expect(dialog.getByTestId("export-count")).toHaveText(/2 annotations will be exported/);
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Download" }).click(),
  ]);
  await expect(dialog.getByTestId("export-progress")).toContainText("Done");
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

test("a member exports the seed article's trial balloons in four formats, and imports them elsewhere", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ben = await signedInPage(browser, DEMO.member.email, "198.51.100.71");
  const { documentId } = await workspaceWithSeed(ben, "Ben's export drill");
  const annotate = (exact: string, tags: string[], comment?: string) =>
    ben.request.post(`/api/v1/documents/${documentId}/annotations`, {
      data: {
        target: { quote: { exact } },
        tags,
        ...(comment
          ? {
              body: {
                type: "doc",
                content: [{ type: "paragraph", content: [{ type: "text", text: comment }] }],
              },
            }
          : {}),
      },
    });
  expect(
    (await annotate("trial balloons", ["trial balloon"], "Testing the waters?")).status(),
  ).toBe(201);
  expect((await annotate("Belarus", ["trial balloon", "alliance friction"])).status()).toBe(201);
  expect((await annotate("Ukraine", ["alliance friction"], "=1+1")).status()).toBe(201);

  await ben.goto(`/documents/${documentId}`);
  await ben.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = ben.getByRole("dialog", { name: /Export/ });
  await expect(dialog.getByTestId("export-count")).toHaveText(/3 annotations/);
  await dialog.getByRole("checkbox", { name: /trial balloon/ }).check();

  const csv = await download(ben, /Spreadsheet/);
  expect(csv.name).toMatch(/\.csv$/);
  const [header, ...rows] = parseCsv(csv.bytes.toString("utf8").replace(/^\uFEFF/, "")).filter(
    (row) => row.join("") !== "",
  );
  const column = (name: string) => header!.indexOf(name);
  expect(rows.map((row) => row[column("quote")]).sort()).toEqual(["Belarus", "trial balloons"]);
  for (const row of rows) expect(row[column("tags")]).toContain("trial balloon");
  expect(rows.find((row) => row[column("quote")] === "trial balloons")![column("comment")]).toBe(
    "Testing the waters?",
  );

  const md = (await download(ben, /Markdown/)).bytes.toString("utf8");
  expect(md).toContain(`# ${TITLE.replace(/,/g, ",")}`);
  expect(md).toContain("## trial balloon");
  expect(md).not.toContain("## alliance friction");
  expect(md).toContain("**trial balloons**");
  expect(md).toContain("Testing the waters?");

  const docx = await download(ben, /Word/);
  expect(docx.name).toMatch(/\.docx$/);
  const xml = strFromU8(unzipSync(new Uint8Array(docx.bytes))["word/document.xml"]!);
  expect(xml).toContain("trial balloon");
  expect(xml).toContain("trial balloons");
  expect(xml).toContain("Belarus");
  expect(xml).not.toContain("=1+1");

  const jsonld = await download(ben, /JSON-LD/);
  const collection = JSON.parse(jsonld.bytes.toString("utf8"));
  expect(collection.type).toBe("AnnotationCollection");
  expect(collection.total).toBe(2);
  expect(w3cMustFailures(collection)).toEqual([]);

  // The print view opens in a new tab with the same filters.
  await dialog.getByRole("radio", { name: /print or PDF/ }).check();
  const [print] = await Promise.all([
    ben.context().waitForEvent("page"),
    dialog.getByRole("button", { name: "Open print view" }).click(),
  ]);
  await print.waitForLoadState();
  await expect(print.getByRole("heading", { level: 2, name: /trial balloon/ })).toBeVisible();
  await expect(print.getByRole("heading", { level: 2, name: /alliance friction/ })).toHaveCount(0);
  await expect(print.locator("figure")).toHaveCount(2);

  // Into another workspace with the same article, through the Import dialog.
  const other = await workspaceWithSeed(ben, "Ben's import drill");
  await ben.goto(`/workspaces/${other.workspaceId}`);
  await ben.getByRole("button", { name: "Import", exact: true }).click();
  const importer = ben.getByRole("dialog", { name: "Import annotations" });
  await importer.getByLabel("File").setInputFiles({
    name: jsonld.name,
    mimeType: "application/ld+json",
    buffer: jsonld.bytes,
  });
  await importer.getByRole("button", { name: "Import" }).click();
  const report = importer.getByTestId("import-report");
  await expect(report).toContainText("Imported 2 annotations");
  await expect(report).toContainText("2 placed exactly");
  await report.getByRole("link", { name: TITLE }).click();
  await expect(ben.locator("[data-reading-surface][data-hydrated]")).toBeVisible();
  await expect(ben.getByText("Testing the waters?")).toBeVisible();
});
