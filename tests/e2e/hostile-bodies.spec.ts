import { expect, test } from "@playwright/test";

import { CORPUS_MENTION_ID, HOSTILE_BODIES, hostileBodyJson } from "../support/hostile-bodies";

import { DEMO, signInAs } from "./fixtures";

// The hostile corpus, stored through the API (what is refused is refused there, see
// tests/integration/hostile-bodies.test.ts), then rendered by Chromium on every page that shows
// comments and replies: the reader with every thread open, and the inbox. No script may run:
// no dialog opens, the console canary stays silent, no page error, and nothing executable is in
// the rendered comments.

const CANARY = "GLOSSA-CANARY";

test("hostile comments and replies render as harmless text on every page that shows them", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const amina = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.71" },
  });
  const ben = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.72" },
  });
  const events: string[] = [];
  for (const context of [amina, ben]) {
    context.on("page", (page) => {
      page.on("dialog", (dialog) => {
        events.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      page.on("console", (message) => {
        if (message.text().includes(CANARY)) events.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => events.push(`pageerror: ${error.message}`));
    });
  }
  const page = await amina.newPage();
  await signInAs(page, DEMO.owner.email);
  const benPage = await ben.newPage();
  await signInAs(benPage, DEMO.member.email);

  const workspaces = await (await page.request.get("/api/v1/workspaces")).json();
  const workspaceId = workspaces.items[0].id;
  const members = await (
    await page.request.get(`/api/v1/workspaces/${workspaceId}/members`)
  ).json();
  const benId = members.items.find(
    (member: { name: string }) => member.name === DEMO.member.name,
  ).userId;
  const created = await page.request.post(`/api/v1/workspaces/${workspaceId}/documents`, {
    data: {
      title: "Hostile drill",
      text: "Are these trial balloons? We'll see how this develops.",
    },
  });
  const documentId = (await created.json()).id;
  const annotation = await (
    await page.request.post(`/api/v1/documents/${documentId}/annotations`, {
      data: { target: { quote: { exact: "trial balloons" } } },
    })
  ).json();

  // A member whose very name is hostile: it shows as an author, a mention and in the inbox.
  const payload = `<img src=x onerror="console.log('${CANARY}')"><script>console.log('${CANARY}')</script>`;
  const mallory = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.73" },
  });
  const malloryPage = await mallory.newPage();
  const malloryEmail = `mallory-${Date.now().toString(36)}@example.com`;
  expect(
    (
      await malloryPage.request.post("/api/v1/users", {
        data: { email: malloryEmail, name: payload.slice(0, 80), password: "mallory's password" },
      })
    ).status(),
  ).toBe(201);
  await signInAs(malloryPage, malloryEmail, "mallory's password");
  const invite = await (
    await page.request.post(`/api/v1/workspaces/${workspaceId}/invites`, { data: {} })
  ).json();
  expect((await malloryPage.request.post(`/api/v1/invites/${invite.code}/accept`)).status()).toBe(
    200,
  );
  const malloryId = (await (await malloryPage.request.get("/api/v1/me")).json()).id;
  await malloryPage.request.post(`/api/v1/annotations/${annotation.id}/replies`, {
    data: {
      body: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: payload }] }],
      },
    },
  });
  await mallory.close();
  // Bodies with a canary of their own, and mentions so that the inbox shows them.
  const extra = [
    JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: payload },
            { type: "mention", attrs: { id: benId, label: payload } },
            { type: "mention", attrs: { id: malloryId, label: "Mallory" } },
          ],
        },
      ],
    }),
  ];
  let stored = 0;
  const corpus = HOSTILE_BODIES.map((entry) =>
    hostileBodyJson(entry).replaceAll(CORPUS_MENTION_ID, benId),
  );
  for (const body of [...corpus, ...extra]) {
    const headers = { "content-type": "application/json" };
    const reply = await page.request.post(`/api/v1/annotations/${annotation.id}/replies`, {
      headers,
      data: `{"body":${body}}`,
    });
    const comment = await page.request.post(`/api/v1/documents/${documentId}/annotations`, {
      headers,
      data: `{"target":{"quote":{"exact":"We'll see"}},"body":${body}}`,
    });
    for (const response of [reply, comment]) {
      expect([201, 400, 413, 422]).toContain(response.status());
      if (response.status() === 201) stored += 1;
    }
  }
  expect(stored).toBeGreaterThan(20);

  // The reader, every thread open.
  await page.goto(`/documents/${documentId}`);
  await page.locator("[data-reading-surface][data-hydrated]").waitFor();
  const threadButtons = page
    .locator("[data-margin] [data-annotation-card] button[aria-expanded]")
    .filter({ hasText: /repl/ });
  await expect(threadButtons.first()).toBeVisible();
  for (const button of await threadButtons.all()) {
    await button.scrollIntoViewIfNeeded();
    await button.click();
  }
  await expect(page.locator("[data-thread]").first().locator("[data-reply]").first()).toBeVisible();
  await page.waitForTimeout(1000);
  const executable = await page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll(
      "[data-margin] .comment-body, [data-margin] .comment-body *",
    )) {
      if (["SCRIPT", "IFRAME", "IMG", "OBJECT", "EMBED", "STYLE", "SVG"].includes(element.tagName))
        found.push(element.tagName);
      for (const attribute of element.attributes)
        if (/^on/i.test(attribute.name) || /^\s*(javascript|data):/i.test(attribute.value))
          found.push(`${element.tagName}[${attribute.name}]`);
    }
    return found;
  });
  expect(executable).toEqual([]);
  await expect(
    page.locator("[data-margin] .comment-body").filter({ hasText: CANARY }).first(),
  ).toBeVisible();

  // The inbox of the member mentioned in a hostile reply.
  await benPage.goto("/inbox");
  await expect(benPage.getByRole("list", { name: "Notifications" })).toContainText("Hostile drill");
  await benPage
    .getByRole("list", { name: "Notifications" })
    .getByRole("link")
    .filter({ hasText: "Hostile drill" })
    .first()
    .click();
  await benPage.locator("[data-reading-surface][data-hydrated]").waitFor();
  await benPage.waitForTimeout(1000);

  expect(events).toEqual([]);
  await amina.close();
  await ben.close();
});
