import { expect, test, type Browser, type Page } from "@playwright/test";

import { DEMO, signInAs } from "./fixtures";

// Live reading: what one reader does appears for the other without a reload, without moving
// their scroll; a reader whose connection drops catches up when it comes back.

async function signedInPage(browser: Browser, email: string, ip: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

const paragraph = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

test("highlights and replies appear live for another reader, and a dropped connection misses nothing", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const amina = await signedInPage(browser, DEMO.owner.email, "198.51.100.81");
  const ben = await signedInPage(browser, DEMO.member.email, "198.51.100.82");
  const workspaces = await (await amina.request.get("/api/v1/workspaces")).json();
  const created = await amina.request.post(
    `/api/v1/workspaces/${workspaces.items[0].id}/documents`,
    {
      data: {
        title: "Live drill",
        text: Array.from(
          { length: 30 },
          (_, i) => `Paragraph ${i + 1} about the CSTO summit and its allies.`,
        ).join("\n\n"),
      },
    },
  );
  const documentId = (await created.json()).id;
  await ben.goto(`/documents/${documentId}`);
  await ben.locator("[data-reading-surface][data-hydrated]").waitFor();
  await ben.evaluate(() => window.scrollTo(0, 400));
  const scrollBefore = await ben.evaluate(() => window.scrollY);

  // Amina highlights: Ben sees it painted and listed, his scroll where it was.
  const annotation = await (
    await amina.request.post(`/api/v1/documents/${documentId}/annotations`, {
      data: { target: { quote: { exact: "Paragraph 3 about" } }, tags: ["live"] },
    })
  ).json();
  const card = ben.locator(`[data-margin] [data-annotation-card="${annotation.id}"]`);
  await expect(card).toBeVisible();
  await expect
    .poll(() =>
      ben.evaluate(() => {
        const texts: string[] = [];
        CSS.highlights.forEach((highlight) =>
          highlight.forEach((range) => texts.push(range.toString())),
        );
        return texts;
      }),
    )
    .toContain("Paragraph 3 about");
  expect(await ben.evaluate(() => window.scrollY)).toBe(scrollBefore);

  // Ben opens the thread; Amina's reply appears in it, and in the count.
  await card.getByRole("button", { name: "Reply", exact: true }).click();
  await amina.request.post(`/api/v1/annotations/${annotation.id}/replies`, {
    data: { body: paragraph("Watch Astana's answer.") },
  });
  await expect(card.locator("[data-reply]")).toContainText("Watch Astana's answer.");
  await expect(card.getByRole("button", { name: "1 reply" })).toBeVisible();

  // Ben's connection drops; meanwhile Amina highlights twice and replies; he misses nothing.
  await ben.context().setOffline(true);
  await ben.waitForTimeout(500);
  const later = [];
  for (const exact of ["Paragraph 7 about", "Paragraph 9 about"])
    later.push(
      (
        await (
          await amina.request.post(`/api/v1/documents/${documentId}/annotations`, {
            data: { target: { quote: { exact } } },
          })
        ).json()
      ).id,
    );
  await amina.request.post(`/api/v1/annotations/${annotation.id}/replies`, {
    data: { body: paragraph("And Minsk's.") },
  });
  await ben.context().setOffline(false);
  for (const id of later)
    await expect(ben.locator(`[data-margin] [data-annotation-card="${id}"]`)).toBeVisible({
      timeout: 15_000,
    });
  await expect(card.locator("[data-reply]")).toHaveCount(2);
  await expect(card.getByRole("button", { name: "2 replies" })).toBeVisible();

  // Presence: each sees the other reading; a spotlight brings Ben to the passage Amina chose.
  await amina.goto(`/documents/${documentId}`);
  await expect(ben.locator("[data-margin] [data-presence]")).toContainText(DEMO.owner.name);
  await expect(amina.locator("[data-margin] [data-presence]")).toContainText(DEMO.member.name);
  await amina
    .locator(`[data-margin] [data-annotation-card="${later[1]}"]`)
    .getByRole("button", { name: "Spotlight" })
    .click();
  // (Each browser window has the focus only when in front: Amina's was, for her click.)
  await ben.bringToFront();
  await expect(ben.locator(`[data-margin] [data-annotation-card="${later[1]}"]`)).toBeFocused();
  await expect
    .poll(() =>
      ben.evaluate(() => {
        const focus = CSS.highlights.get("glossa-focus");
        return focus ? [...focus].map((range) => range.toString()) : [];
      }),
    )
    .toEqual(["Paragraph 9 about"]);
  // Ben stops following: the next spotlight leaves him where he is.
  await ben.locator("[data-margin]").getByLabel("Follow spotlight").uncheck();
  await amina
    .locator(`[data-margin] [data-annotation-card="${later[0]}"]`)
    .getByRole("button", { name: "Spotlight" })
    .click();
  await ben.bringToFront();
  await ben.waitForTimeout(1500);
  await expect(ben.locator(`[data-margin] [data-annotation-card="${later[0]}"]`)).not.toBeFocused();
  expect(
    await ben.evaluate(() => {
      const focus = CSS.highlights.get("glossa-focus");
      return focus ? [...focus].map((range) => range.toString()) : [];
    }),
  ).toEqual(["Paragraph 9 about"]);
  // Amina leaves: Ben no longer sees her.
  await amina.goto("/");
  await expect(ben.locator("[data-margin] [data-presence]")).not.toContainText(DEMO.owner.name);
  await amina.context().close();
  await ben.context().close();
});
