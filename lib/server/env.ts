import "server-only";

import { z } from "zod";

// Every environment variable Glossa reads, validated once. Nothing else reads process.env.
// The README's configuration table lists the same variables.

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  /** The live events' LISTEN connection, when DATABASE_URL goes through a transaction-mode
   * pooler (PgBouncer), which cannot carry LISTEN: a direct URL to the same database. */
  GLOSSA_LISTEN_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  GLOSSA_DATA_DIR: z.string().min(1).default(".glossa"),
  /** Set by scripts/run.ts when it started the embedded PostgreSQL. */
  GLOSSA_EMBEDDED: flag,
  GLOSSA_DEMO: flag,
  GLOSSA_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  GLOSSA_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),

  // Accounts (next-auth). AUTH_SECRET is generated and kept in GLOSSA_DATA_DIR when Glossa runs
  // on the embedded database or in development; in production it must be given.
  AUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters (openssl rand -base64 33)")
    .optional(),
  /** The public origin, e.g. https://glossa.example.org: invite links and e-mails use it. */
  GLOSSA_PUBLIC_URL: z.url().optional(),
  /** "open": anyone may sign up; "closed": invite-only installs (sign-up needs an invite code). */
  GLOSSA_SIGNUP: z.enum(["open", "closed"]).default("open"),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  AUTH_GOOGLE_ID: z.string().min(1).optional(),
  AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
  /** SMTP URL (smtp://user:pass@host:587) for sign-in links and notifications. */
  EMAIL_SERVER: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  EMAIL_FROM: z.string().min(3).default("Glossa <glossa@localhost>"),
});

export type Env = z.infer<typeof schema>;

/** Variables that are empty strings count as unset. */
function withoutEmpty(
  source: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
}

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(withoutEmpty(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(
      `Invalid configuration:\n${lines.join("\n")}\nSee the configuration table in README.md.`,
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment (tools that start one database after another in a process,
 * like the benchmarks, change DATABASE_URL between them). */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The database URL the app must use; scripts/run.ts sets it when it starts the embedded server. */
export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new EnvError(
      "DATABASE_URL is not set. Start Glossa with `npm run dev` or `npm start`, which start an " +
        "embedded PostgreSQL when DATABASE_URL is unset, or set DATABASE_URL to your server.",
    );
  }
  return url;
}

/** Demo users exist only on the embedded database or when asked for explicitly. */
export function demoUsersEnabled(): boolean {
  return env().GLOSSA_EMBEDDED || env().GLOSSA_DEMO;
}

export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret)
    throw new EnvError("AUTH_SECRET is not set. Start Glossa with `npm run dev` or `npm start`.");
  return secret;
}

export function oauthProviders(): { github: boolean; google: boolean; email: boolean } {
  const e = env();
  return {
    github: !!(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET),
    google: !!(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET),
    email: !!e.EMAIL_SERVER,
  };
}
