import "server-only";

/** A same-site path to return to after sign-in; anything else (absolute URLs, "//host",
 * backslashes) becomes "/". next-auth's callbackUrl would otherwise be an open redirect. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  try {
    const url = new URL(value, "http://glossa.invalid");
    if (url.origin !== "http://glossa.invalid") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
