import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { DEMO, expect, signInAs, test } from "./fixtures";

// WCAG 2.1 A and AA checks by axe on every page a reader meets, at desktop and phone widths.

async function audit(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${page.url()} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(summary).toEqual([]);
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 375, height: 740 },
]) {
  test(`every page passes axe at ${viewport.width} px`, async ({ page }) => {
    test.setTimeout(120_000); // a dozen pages, each audited in full
    await page.setViewportSize(viewport);
    for (const path of ["/", "/sign-in", "/sign-up", "/invite/NotARealInviteCode1"]) {
      await page.goto(path);
      await audit(page);
    }
    await signInAs(page, DEMO.owner.email);
    await page.goto("/");
    await audit(page);
    await page.getByRole("link", { name: /CSTO reading group/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page);
    for (const dialog of ["Add document", "Export", "Import"]) {
      await page.getByRole("button", { name: dialog, exact: true }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
      await audit(page);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
    }
    await page.getByRole("link", { name: /Members/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
    await audit(page);
    await page.goBack();
    await page.getByRole("link", { name: "Tags" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
    await audit(page);
    const tag = `axe ${viewport.width}`;
    await page.getByLabel("Name").fill(tag);
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("button", { name: `Edit ${tag}` }).click();
    await audit(page);
    await page.goBack();
    await page
      .getByRole("link", { name: /Russia Seeking Support/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page);
    await page.getByRole("button", { name: "Export", exact: true }).click();
    await expect(page.getByTestId("export-count")).toContainText("will be exported");
    await audit(page);
    await page.keyboard.press("Escape");
    await page.goto(`${new URL(page.url()).pathname}/print`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page);
    await page.goto("/inbox");
    await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
    await audit(page);
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
    await audit(page);
  });
}
