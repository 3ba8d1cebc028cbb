import { spawn, type ChildProcess } from "node:child_process";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { DEMO, signInAs } from "./fixtures";

// Two instances of the app (`npm start` twice, on two ports, one PostgreSQL) behave as one:
// a reader on each sees the other's highlights and replies appear live, and each other's
// presence. The second instance shares the first one's embedded database folder, as a second
// Glossa started on the same data folder does.

const portA = Number(process.env.E2E_PORT ?? 3197);
const portB = portA + 1;
let instanceB: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  instanceB = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/run.ts", "start"],
    {
      env: {
        ...process.env,
        PORT: String(portB),
        GLOSSA_DATA_DIR: process.env.GLOSSA_E2E_DATA_DIR,
        DATABASE_URL: "",
      },
      stdio: "ignore",
    },
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${portB}/api/v1/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the second instance did not start");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async () => {
  if (!instanceB || instanceB.exitCode !== null) return;
  instanceB.kill("SIGTERM");
  await new Promise((resolve) => instanceB!.once("exit", resolve));
});

async function readerOn(browser: Browser, port: number, email: string, ip: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: `http://127.0.0.1:${port}`,
    extraHTTPHeaders: { "x-forwarded-for": ip },
  });
  const page = await context.newPage();
  await signInAs(page, email);
  return page;
}

test("two browsers on two instances see each other's highlights, replies and presence live", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const amina = await readerOn(browser, portA, DEMO.owner.email, "198.51.100.91");
  const ben = await readerOn(browser, portB, DEMO.member.email, "198.51.100.92");
  const workspaces = await (await amina.request.get("/api/v1/workspaces")).json();
  const created = await amina.request.post(
    `/api/v1/workspaces/${workspaces.items[0].id}/documents`,
    {
      data: {
        title: "Two instances",
        text: "Moscow convened its allies.\n\nAstana stayed away.\n\nMinsk said little.",
      },
    },
  );
  const documentId = (await created.json()).id;
  await amina.goto(`/documents/${documentId}`);
  await ben.goto(`/documents/${documentId}`);
  await expect(ben.locator("[data-margin] [data-presence]")).toContainText(DEMO.owner.name);
  await expect(amina.locator("[data-margin] [data-presence]")).toContainText(DEMO.member.name);

  // Amina highlights on instance A; Ben, on instance B, sees it.
  await amina.locator("[data-reading-surface][data-hydrated]").waitFor();
  await amina.evaluate(() => {
    const block = [...document.querySelectorAll("[data-article-text] [data-start]")].find((el) =>
      el.textContent!.includes("Astana stayed away"),
    )!;
    const node = block.firstChild as Text;
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, "Astana stayed away".length);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  await amina.getByRole("button", { name: /Highlight/ }).click();
  const benCard = ben
    .locator("[data-margin] [data-annotation-card]")
    .filter({ hasText: "Astana stayed away" });
  await expect(benCard).toBeVisible();

  // Ben replies on instance B; Amina, on instance A, sees the reply in her open thread.
  const aminaCard = amina
    .locator("[data-margin] [data-annotation-card]")
    .filter({ hasText: "Astana stayed away" });
  await aminaCard.getByRole("button", { name: "Reply", exact: true }).click();
  await benCard.getByRole("button", { name: "Reply", exact: true }).click();
  await benCard.getByRole("button", { name: "Reply to this annotation" }).click();
  await expect(ben.getByRole("textbox", { name: "Reply to this annotation" })).toBeFocused();
  await ben.keyboard.type("A snub, surely.");
  await ben.keyboard.press("ControlOrMeta+Enter");
  await expect(aminaCard.locator("[data-reply]")).toContainText("A snub, surely.");
  await expect(aminaCard.getByRole("button", { name: "1 reply" })).toBeVisible();
  await amina.context().close();
  await ben.context().close();
});
