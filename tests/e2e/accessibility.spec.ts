import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// WCAG 2.1 A and AA checks by axe on every page a reader meets, at desktop and phone widths.

async function audit(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(summary).toEqual([]);
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 375, height: 740 },
]) {
  test(`home, library, reader and the add dialog pass axe at ${viewport.width} px`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto("/");
    await audit(page);
    await page.getByRole("link", { name: /CSTO reading group/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page);
    await page.getByRole("button", { name: "Add document" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await audit(page);
    await page.keyboard.press("Escape");
    await page
      .getByRole("link", { name: /Russia Seeking Support/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(page);
  });
}
