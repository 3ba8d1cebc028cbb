import { test as base, expect, type Page } from "@playwright/test";

// Sign-in for e2e tests goes through next-auth's HTTP endpoints, not the form (the form has its
// own test in auth.spec.ts). The demo users exist because the e2e server runs on the embedded
// database.
export const DEMO = {
  owner: { email: "amina@example.com", name: "Amina Karimova" },
  moderator: { email: "chloe@example.com", name: "Chloé Martin" },
  member: { email: "ben@example.com", name: "Ben Okafor" },
  password: "glossa-demo",
} as const;

export async function signInAs(
  page: Page,
  email: string,
  password: string = DEMO.password,
): Promise<void> {
  const csrf = await (await page.request.get("/api/auth/csrf")).json();
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken: csrf.csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(response.status(), "sign-in through next-auth").toBe(302);
  expect(response.headers().location ?? "").not.toContain("error");
}

export const test = base.extend<{ signedIn: Page }>({
  // A page signed in as the demo workspace's owner.
  signedIn: async ({ page }, use) => {
    await signInAs(page, DEMO.owner.email);
    await use(page);
  },
});

export { expect };
