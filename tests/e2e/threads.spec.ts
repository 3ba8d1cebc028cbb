import { expect, test, type Browser, type Page } from "@playwright/test";

import { DEMO, signInAs } from "./fixtures";

// Threads in Chromium: two members discuss a highlight with formatted text, a link and a
// mention, written in the real editor; the mentioned member is notified; search finds a word
// of a reply.

async function signedInPage(browser: Browser, email: string, ip: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

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

test("two members hold a threaded discussion with formatting, a link and a mention; the mentioned one is notified; search finds a reply's word", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const amina = await signedInPage(browser, DEMO.owner.email, "198.51.100.61");
  const ben = await signedInPage(browser, DEMO.member.email, "198.51.100.62");
  const workspaces = await (await amina.request.get("/api/v1/workspaces")).json();
  const created = await amina.request.post(
    `/api/v1/workspaces/${workspaces.items[0].id}/documents`,
    {
      data: {
        title: "Thread drill",
        text: "For one, there was the absence of Nursultan Nazarbayev, president of CSTO member Kazakhstan.\n\nTajikistan must participate in the peacekeeping operation.",
      },
    },
  );
  const documentId = (await created.json()).id;

  // Amina annotates (`a`): the highlight is made and its comment editor opens.
  await amina.goto(`/documents/${documentId}`);
  await select(amina, "Nursultan Nazarbayev");
  await amina.keyboard.press("a");
  const editor = amina.getByRole("textbox", { name: "Your comment on this passage" });
  await expect(editor).toBeFocused();
  await amina.keyboard.type("His absence is **telling** ");
  await amina.keyboard.type("— see https://eurasianet.org/ ");
  await amina.keyboard.type("and ask @Ben");
  await expect(amina.getByRole("listbox")).toBeVisible();
  await amina.keyboard.press("Enter");
  await amina.keyboard.press("ControlOrMeta+Enter");
  const card = amina
    .locator("[data-margin] [data-annotation-card]")
    .filter({ hasText: "Nursultan Nazarbayev" });
  const comment = card.locator(".comment-body").first();
  await expect(comment.locator("strong")).toHaveText("telling");
  await expect(comment.locator("a")).toHaveAttribute("href", "https://eurasianet.org/");
  await expect(comment.locator("a")).toHaveAttribute("rel", /noopener/);
  await expect(comment.locator(".mention")).toHaveText(`@${DEMO.member.name}`);
  await expect(card).not.toContainText("edited"); // a first comment is not an edit

  // Ben is told, in the header and in the inbox, and the link opens the passage.
  await ben.goto("/");
  await expect(ben.getByRole("link", { name: /^Inbox: \d+ unread/ })).toBeVisible();
  await ben.goto("/inbox");
  const notification = ben
    .getByRole("list", { name: "Notifications" })
    .getByRole("link", { name: /mentioned you on “Nursultan Nazarbayev” in Thread drill/ });
  await expect(notification).toBeVisible();
  await notification.click();
  await expect(ben).toHaveURL(new RegExp(`/documents/${documentId}#annotation-`));
  const benCard = ben
    .locator("[data-margin] [data-annotation-card]")
    .filter({ hasText: "Nursultan Nazarbayev" });
  await expect(benCard).toBeFocused();
  // Opening it marked it read (other tests may be notifying Ben meanwhile: look at this one).
  await expect
    .poll(async () => {
      const inbox = await (await ben.request.get("/api/v1/notifications")).json();
      return inbox.items.find(
        (item: { annotation: { documentId: string } }) => item.annotation.documentId === documentId,
      )?.read;
    })
    .toBe(true);

  // Ben replies in formatted text (Markdown shortcuts). The editor's code arrives only now.
  await benCard.getByRole("button", { name: "Reply", exact: true }).click();
  const scripts: string[] = [];
  ben.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await benCard.getByRole("button", { name: "Reply to this annotation" }).click();
  const replyBox = ben.getByRole("textbox", { name: "Reply to this annotation" });
  await expect(replyBox).toBeFocused();
  expect(scripts.length, "the editor is loaded when someone starts writing").toBeGreaterThan(0);
  // A draft survives a reload.
  await ben.keyboard.type("Draft that survives");
  await ben.waitForTimeout(600);
  await ben.reload();
  await benCard.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(ben.getByRole("textbox", { name: "Reply to this annotation" })).toContainText(
    "Draft that survives",
  );
  await ben.getByRole("textbox", { name: "Reply to this annotation" }).click();
  await ben.keyboard.press("ControlOrMeta+a");
  await ben.keyboard.press("Backspace");
  await ben.keyboard.type("Agreed, Astana is *hedging* its bets.");
  await ben.keyboard.press("ControlOrMeta+Enter");
  const benReply = benCard.locator("[data-reply]").filter({ hasText: "Agreed, Astana is" });
  await expect(benReply.locator("em")).toHaveText("hedging");
  await expect(benCard.getByRole("button", { name: "1 reply" })).toBeVisible();

  // Amina sees it after a reload and answers Ben's reply: nested under it.
  await amina.reload();
  await card.getByRole("button", { name: "1 reply" }).click();
  const replyInThread = card.locator("[data-reply]").filter({ hasText: "Agreed, Astana is" });
  await expect(replyInThread).toContainText(DEMO.member.name);
  await replyInThread.getByRole("button", { name: "Reply" }).click();
  await expect(amina.getByRole("textbox", { name: `Reply to ${DEMO.member.name}` })).toBeFocused();
  await amina.keyboard.type("Or simply busy.");
  await amina.keyboard.press("ControlOrMeta+Enter");
  await expect(card.locator("[data-thread] li").nth(1)).toContainText("Or simply busy.");
  await expect(card.locator("[data-thread] li").nth(1)).toHaveCSS("margin-left", /^(?!0px)/);

  // Search: a word that is only in Ben's reply finds the annotation.
  await amina.goto(`/documents/${documentId}`);
  await amina.locator("[data-margin]").getByLabel("Text in the passage").fill("hedging");
  await amina.locator("[data-margin]").getByRole("button", { name: "Filter" }).click();
  await expect(amina).toHaveURL(/q=hedging/);
  await expect(amina.locator("[data-margin] [data-annotation-card]")).toHaveCount(1);
  await expect(amina.locator("[data-margin] [data-annotation-card]")).toContainText(
    "Nursultan Nazarbayev",
  );
  await amina.context().close();
  await ben.context().close();
});
