// Which link targets a comment may hold: absolute http, https and mailto URLs, nothing else
// (no javascript:, data:, vbscript:, file:, relative or protocol-relative URLs), however the
// scheme is spelled, encoded or padded. Used by the editor (autolink, paste) and by the
// server's validation.

const ALLOWED = new Set(["http:", "https:", "mailto:"]);

export function isSafeHref(raw: unknown): boolean {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return false;
  // Browsers strip leading/trailing C0 controls and spaces and ignore tabs and newlines
  // inside a scheme: anything of the kind is refused rather than normalized.
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029\ufeff]/.test(raw)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(raw);
  if (!scheme) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (!ALLOWED.has(url.protocol)) return false;
  if (url.protocol === "mailto:") return /^mailto:[^\s@/]+@[^\s@/]+$/i.test(raw.split("?")[0]!);
  return url.hostname.length > 0 && /^https?:\/\//i.test(raw);
}
