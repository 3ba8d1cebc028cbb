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
    .optional()
    .or(z.literal("").transform(() => undefined)),
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
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
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
