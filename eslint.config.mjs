import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".glossa/**",
      "lib/server/db/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    // The rooms of CONVENTIONS.md: a component never imports lib/server, lib/shared
    // imports neither Next nor Prisma.
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/server/*", "**/lib/server/*"],
              message: "Components and client code never import lib/server.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/shared/**/*.{ts,tsx}"],
    ignores: ["lib/shared/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "next",
                "next/*",
                "@prisma/*",
                "@/lib/server/*",
                "@/lib/client/*",
                "react",
                "react-dom",
              ],
              message: "lib/shared is pure TypeScript.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@prisma/*", "@/lib/server/db/generated/*", "@/lib/server/db"],
              message: "Routes never talk to Prisma: call a service in lib/server.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["tests/**/*.ts", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      // Playwright fixtures call `use`, which is not React's hook.
      "react-hooks/rules-of-hooks": "off",
    },
  },
];

export default config;
