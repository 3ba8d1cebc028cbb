import { expect, test, type Browser, type Page } from "@playwright/test";

import { DEMO, signInAs } from "./fixtures";

// The margin's filters, its list of lost passages, printing, and the tag vocabulary page.
// Each test works on its own document and tags: other tests read the seed article meanwhile.

async function signedInPage(browser: Browser, email: string, ip: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

async function demoWorkspaceId(page: Page): Promise<string> {
  const workspaces = await (await page.request.get("/api/v1/workspaces")).json();
  return workspaces.items[0].id;
}

async function addDocument(page: Page, title: string, text: string): Promise<string> {
  const created = await page.request.post(
    `/api/v1/workspaces/${await demoWorkspaceId(page)}/documents`,
    { data: { title, text } },
  );
  expect(created.status()).toBe(201);
  return (await created.json()).id;
}

async function annotate(page: Page, documentId: string, exact: string, tags: string[] = []) {
  const response = await page.request.post(`/api/v1/documents/${documentId}/annotations`, {
    data: { target: { quote: { exact } }, tags },
  });
  expect(response.status()).toBe(201);
  return response.json();
}

const TEXT = [
  "For one, there was the absence of Nursultan Nazarbayev, president of CSTO member Kazakhstan.",
  "Tajikistan President Emomali Rahmon chided his allies for not coming through with military aid.",
  "Armenia feels it is absolutely necessary to align our positions on issues of greatest importance.",
].join("\n\n");

test("the margin filters by author and by text, lists lost passages apart, and prints with the highlights", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const owner = await signedInPage(browser, DEMO.owner.email, "198.51.100.41");
  const ben = await signedInPage(browser, DEMO.member.email, "198.51.100.42");
  const documentId = await addDocument(owner, "Margin drill", TEXT);
  await annotate(owner, documentId, "Nursultan Nazarbayev");
  await annotate(owner, documentId, "absolutely necessary");
  await annotate(ben, documentId, "Emomali Rahmon");
  // A revision drops the Armenian paragraph: its annotation loses its passage.
  const revised = await owner.request.put(`/api/v1/documents/${documentId}`, {
    data: { text: TEXT.split("\n\n").slice(0, 2).join("\n\n") },
  });
  expect(revised.status()).toBe(200);

  await owner.goto(`/documents/${documentId}`);
  const margin = owner.locator("[data-margin]");
  const cards = margin.locator("[data-annotation-card]");
  await expect(cards).toHaveCount(3);
  const lost = margin.getByRole("region", { name: /Passages no longer in the text · 1/ });
  await expect(lost.locator("[data-annotation-card]")).toHaveCount(1);
  await expect(lost).toContainText("absolutely necessary");
  await expect(
    margin.getByRole("list", { name: "Annotations in document order" }).locator("article"),
  ).toHaveCount(2);

  // By author: the form puts the filter in the URL.
  await margin.getByLabel("Author").selectOption({ label: `${DEMO.member.name} · 1` });
  await margin.getByRole("button", { name: "Filter" }).click();
  await expect(owner).toHaveURL(/author=/);
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText("Emomali Rahmon");
  await expect(cards).toContainText(DEMO.member.name);

  // By text in the passage, with the author filter cleared.
  await owner.goto(`/documents/${documentId}`);
  await margin.getByLabel("Text in the passage").fill("nazarBAYEV");
  await margin.getByRole("button", { name: "Filter" }).click();
  await expect(owner).toHaveURL(/q=nazarBAYEV/);
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText("Nursultan Nazarbayev");
  await margin.getByRole("link", { name: "Clear filters" }).click();
  await expect(cards).toHaveCount(3);

  // Focusing a card outlines its passage.
  await cards.first().locator("blockquote").click();
  await expect
    .poll(() =>
      owner.evaluate(() => {
        const focus = CSS.highlights.get("glossa-focus");
        return focus ? [...focus].map((range) => range.toString()) : [];
      }),
    )
    .toEqual(["Nursultan Nazarbayev"]);

  // On paper: the highlights keep their colour and the cards follow the article.
  await owner.emulateMedia({ media: "print" });
  await expect(margin).toBeVisible();
  await expect(owner.getByRole("navigation", { name: "Filter annotations" })).toBeHidden();
  expect(
    await owner
      .locator("[data-reader]")
      .evaluate((element) => getComputedStyle(element).printColorAdjust),
  ).toBe("exact");
  await owner.context().close();
  await ben.context().close();
});

test("a moderator renames, recolours, describes, merges and deletes tags; a member sees the vocabulary without the controls", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const chloe = await signedInPage(browser, DEMO.moderator.email, "198.51.100.43");
  const ben = await signedInPage(browser, DEMO.member.email, "198.51.100.44");
  const suffix = Date.now().toString(36);
  const kite = `kite ${suffix}`;
  const probe = `probe ${suffix}`;
  const documentId = await addDocument(chloe, "Tag drill", TEXT);
  await annotate(chloe, documentId, "Nursultan Nazarbayev", [kite]);
  await annotate(ben, documentId, "Emomali Rahmon", [probe]);
  await annotate(ben, documentId, "military aid", [kite, probe]);

  await chloe.goto(`/workspaces/${await demoWorkspaceId(chloe)}/tags`);
  const row = (name: string) => chloe.locator(`[data-tag="${name}"]`);
  await expect(row(kite)).toContainText("2 annotations");
  await row(kite)
    .getByRole("button", { name: `Edit ${kite}` })
    .click();
  await row(kite).getByLabel("Name").fill(`${kite} flown`);
  await row(kite).getByLabel("Colour").fill("#0ea5e9");
  await row(kite)
    .getByLabel(/Description/)
    .fill("A proposal floated to see who objects");
  await row(kite).getByRole("button", { name: "Save" }).click();
  const renamed = row(`${kite} flown`);
  await expect(renamed).toContainText("A proposal floated to see who objects");

  // Merging moves the uses: the annotation tagged with both counts once.
  await row(probe)
    .getByRole("button", { name: `Edit ${probe}` })
    .click();
  await row(probe)
    .getByLabel("Merge into")
    .selectOption({ label: `${kite} flown` });
  chloe.once("dialog", (dialog) => void dialog.accept());
  await row(probe).getByRole("button", { name: "Merge" }).click();
  await expect(row(probe)).toHaveCount(0);
  await expect(renamed).toContainText("3 annotations");

  // The reader shows the new name, its colour and its count in that document.
  await chloe.goto(`/documents/${documentId}`);
  const chip = chloe
    .getByRole("navigation", { name: "Filter annotations" })
    .getByRole("link", { name: new RegExp(`${kite} flown`) });
  await expect(chip).toContainText("3");
  await expect(
    chloe.locator("[data-margin] [data-annotation-card]").first().locator("li"),
  ).toHaveText(`${kite} flown`);

  // A member reads the vocabulary but has no controls.
  await ben.goto(`/workspaces/${await demoWorkspaceId(ben)}/tags`);
  await expect(ben.locator(`[data-tag="${kite} flown"]`)).toContainText("3 annotations");
  await expect(ben.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
  await expect(ben.getByRole("button", { name: "Delete" })).toHaveCount(0);

  await chloe.goto(`/workspaces/${await demoWorkspaceId(chloe)}/tags`);
  chloe.once("dialog", (dialog) => void dialog.accept());
  await renamed.getByRole("button", { name: "Delete" }).click();
  await expect(renamed).toHaveCount(0);
  await chloe.goto(`/documents/${documentId}`);
  await expect(chloe.locator("[data-margin] [data-annotation-card]")).toHaveCount(3);
  await expect(chloe.locator("[data-margin] [data-annotation-card] li")).toHaveCount(0);
  await chloe.context().close();
  await ben.context().close();
});
