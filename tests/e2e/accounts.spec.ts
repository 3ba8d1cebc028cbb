import { expect, test, type Browser, type Page } from "@playwright/test";

import { DEMO, signInAs } from "./fixtures";

// The "done when": a person signs up, creates a workspace, invites a second person who
// joins by link, both read the seed article in it, and a third person outside sees nothing.

const SEED_TITLE = "Russia Seeking Support on Ukraine, Not Finding Much From Allies";
const stamp = Date.now().toString(36);

async function newPerson(browser: Browser, ip: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  return { context, page: await context.newPage() };
}

async function signUpWithForm(page: Page, name: string, email: string) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Sign up" }).click();
}

test("sign up, create a workspace, invite by link, read together; outsiders see nothing", async ({
  browser,
}) => {
  test.setTimeout(120_000); // four people, three sign-ups (argon2), a dozen pages
  // 1. Ada signs up and creates a class.
  const ada = await newPerson(browser, "198.51.100.1");
  await ada.page.goto("/");
  await ada.page.getByRole("link", { name: "Sign up" }).first().click();
  await signUpWithForm(ada.page, "Ada Lovelace", `ada-${stamp}@example.com`);
  await expect(ada.page.getByRole("heading", { level: 1, name: "Welcome, Ada." })).toBeVisible();
  await ada.page.getByLabel("Name").fill("Seminar on alliances");
  await ada.page.getByLabel("Kind").selectOption("class");
  await ada.page.getByRole("button", { name: "Create workspace" }).click();
  await expect(
    ada.page.getByRole("heading", { level: 1, name: "Seminar on alliances" }),
  ).toBeVisible();
  const workspaceUrl = ada.page.url();

  // 2. She creates an invite link.
  await ada.page.getByRole("link", { name: /Members/ }).click();
  await ada.page.getByRole("button", { name: "Create invite link" }).click();
  const link = await ada.page.getByLabel("Invite link", { exact: true }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);

  // 3. Grace opens it, signs up and lands in the workspace.
  const grace = await newPerson(browser, "198.51.100.2");
  await grace.page.goto(new URL(link).pathname);
  await expect(
    grace.page.getByRole("heading", { name: "Join Seminar on alliances" }),
  ).toBeVisible();
  await grace.page.getByRole("link", { name: "Sign up and join" }).click();
  await signUpWithForm(grace.page, "Grace Hopper", `grace-${stamp}@example.com`);
  await expect(
    grace.page.getByRole("heading", { level: 1, name: "Seminar on alliances" }),
  ).toBeVisible();

  // 4. Both read the seed article in it.
  for (const person of [ada, grace]) {
    await person.page.goto(workspaceUrl);
    await person.page.getByRole("link", { name: new RegExp(SEED_TITLE) }).click();
    await expect(person.page.getByRole("heading", { level: 1, name: SEED_TITLE })).toBeVisible();
    await expect(person.page.locator("[data-article-text]")).toContainText("trial balloons");
  }
  const documentUrl = grace.page.url();
  await ada.page.goto(workspaceUrl + "/members");
  await expect(ada.page.getByRole("list", { name: "Members" }).getByRole("listitem")).toHaveCount(
    2,
  );

  // 5. Ben, a member of another workspace, sees nothing of it: 404 everywhere, nothing in lists.
  const outsider = await newPerson(browser, "198.51.100.3");
  await signInAs(outsider.page, DEMO.member.email);
  for (const url of [workspaceUrl, `${workspaceUrl}/members`, documentUrl]) {
    const response = await outsider.page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(outsider.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  const workspaceId = new URL(workspaceUrl).pathname.split("/").pop();
  const documentId = new URL(documentUrl).pathname.split("/").pop();
  for (const path of [
    `/api/v1/workspaces/${workspaceId}`,
    `/api/v1/workspaces/${workspaceId}/documents`,
    `/api/v1/documents/${documentId}`,
  ]) {
    expect((await outsider.page.request.get(path)).status(), path).toBe(404);
  }
  const list = await (await outsider.page.request.get("/api/v1/workspaces")).json();
  expect(list.items.map((item: { name: string }) => item.name)).toEqual(["CSTO reading group"]);
  await outsider.page.goto("/");
  await expect(outsider.page.getByText("Seminar on alliances")).toHaveCount(0);

  // Signed out, the pages send you to sign in.
  const anonymous = await newPerson(browser, "198.51.100.4");
  await anonymous.page.goto(documentUrl);
  await expect(anonymous.page).toHaveURL(/\/sign-in\?callbackUrl=/);
  for (const person of [ada, grace, outsider, anonymous]) await person.context.close();
});

test("the sign-in form: wrong password, then throttled after 10 failures, then the right one works elsewhere", async ({
  browser,
}) => {
  test.setTimeout(90_000); // eleven sign-in attempts
  const person = await newPerson(browser, "203.0.113.9");
  const page = person.page;
  await page.goto("/workspaces/whatever");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fworkspaces%2Fwhatever/);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Sign in" }) });
  // An account of its own: a throttled demo account would lock other tests out for 15 minutes.
  const email = `throttled-${Date.now().toString(36)}@example.com`;
  const password = "the right password";
  const signedUp = await page.request.post("/api/v1/users", {
    data: { email, name: "Throttled", password },
  });
  expect(signedUp.status()).toBe(201);
  await page.getByLabel("Email").fill(email);
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    await page.getByLabel("Password").fill(`wrong password ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toHaveText("Wrong email or password");
  }
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    /Too many failed sign-ins\. Try again in \d+ minutes?\./,
  );
  await person.context.close();

  // The account is throttled from every address; another account from another address is not.
  const other = await newPerson(browser, "203.0.113.10");
  await other.page.goto("/sign-in?callbackUrl=%2Faccount");
  await other.page.getByLabel("Email").fill(DEMO.owner.email);
  await other.page.getByLabel("Password").fill(DEMO.password);
  await other.page.getByRole("button", { name: "Sign in" }).click();
  await expect(other.page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  const session = (await other.context.cookies()).find((cookie) =>
    cookie.name.endsWith("authjs.session-token"),
  );
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await other.context.close();
});
