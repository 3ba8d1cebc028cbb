import type { SourceFormat } from "./ingest";

export type IngestErrorCode = "unsupported_type" | "not_utf8" | "binary" | "too_large" | "empty";

/** An upload Glossa refuses; `message` is written for the person who uploaded it. */
export class IngestError extends Error {
  readonly code: IngestErrorCode;
  constructor(code: IngestErrorCode, message: string) {
    super(message);
    this.name = "IngestError";
    this.code = code;
  }
}

export const UPLOAD_EXTENSIONS = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
} as const satisfies Record<string, SourceFormat>;

// Only consulted when the name has no extension: browsers send "" or
// application/octet-stream for .md, so the extension is the better signal.
const CONTENT_TYPES: Record<string, SourceFormat> = {
  "text/plain": "text",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
};

const OFFICE_LIKE = new Set([".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages", ".epub"]);

function isUploadExtension(ext: string): ext is keyof typeof UPLOAD_EXTENSIONS {
  return Object.hasOwn(UPLOAD_EXTENSIONS, ext);
}

export function formatForFilename(filename: string, contentType?: string | null): SourceFormat {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : "";
  if (isUploadExtension(ext)) return UPLOAD_EXTENSIONS[ext];
  if (!ext) {
    const mime = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
    const format = CONTENT_TYPES[mime];
    if (format) return format;
  }
  const shown = base.length > 80 ? `${base.slice(0, 77)}…` : base || "this file";
  const hint = OFFICE_LIKE.has(ext)
    ? " To read a PDF or word-processor document, copy its text and paste it, or save it as plain text."
    : "";
  throw new IngestError(
    "unsupported_type",
    `Glossa can't read “${shown}”${ext ? "" : " (it has no file extension)"}: ` +
      `upload plain text (.txt, .text), Markdown (.md, .markdown) or HTML (.html, .htm).${hint}`,
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return n === 1 ? "1 byte" : `${n} bytes`;
  const units = ["KB", "MB", "GB"] as const;
  let value = n / 1024;
  let unit = 0;
  // Choose the unit after rounding so 1023.96 KB reads as "1 MB", not "1024 KB".
  while (Math.round(value * 10) / 10 >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number((Math.round(value * 10) / 10).toFixed(1))} ${units[unit]}`;
}

const SIGNATURES: Array<[string, number[]]> = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a PDF", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["a ZIP archive or Office document", [0x50, 0x4b, 0x03, 0x04]],
  ["an old Word or Excel document", [0xd0, 0xcf, 0x11, 0xe0]],
  ["a gzip archive", [0x1f, 0x8b]],
];

const startsWith = (bytes: Uint8Array, prefix: number[]): boolean =>
  prefix.every((byte, i) => bytes[i] === byte);

const notText = (detail: string) =>
  new IngestError(
    "binary",
    `This file is not text: it looks like a binary file (${detail}). ` +
      "Upload .txt, .md or .html saved as UTF-8.",
  );
const notUtf8 = (what: string) =>
  new IngestError(
    "not_utf8",
    `The file is not valid UTF-8 text${what}. Open it in a text editor, save it as UTF-8 and upload again.`,
  );

/** UTF-16 without a BOM: ASCII text with a NUL in every other byte. */
function looksUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) even += 1;
      else odd += 1;
    }
  }
  const half = sample.length / 2;
  return half >= 4 && Math.max(even, odd) > half * 0.3 && Math.min(even, odd) < half * 0.02;
}

// Controls rare in real text; tab, LF, CR and form feed are left out.
const ODD_CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

/** Bytes of an uploaded file → its text, without the BOM; refuses what is not UTF-8 text. */
export function decodeUtf8Upload(bytes: Uint8Array, maxBytes: number): string {
  if (bytes.length > maxBytes) {
    let size = formatBytes(bytes.length);
    let limit = formatBytes(maxBytes);
    // "2 MB; the limit is 2 MB" would be no explanation at all.
    if (size === limit) {
      size = `${bytes.length.toLocaleString("en-US")} bytes`;
      limit = `${maxBytes.toLocaleString("en-US")} bytes (${limit})`;
    }
    throw new IngestError("too_large", `The file is ${size}; the limit is ${limit}.`);
  }
  const utf16 = " (it is saved as UTF-16)";
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) throw notUtf8(utf16);
  for (const [what, signature] of SIGNATURES) {
    if (startsWith(bytes, signature)) throw notText(what);
  }
  if (looksUtf16(bytes)) throw notUtf8(utf16);
  if (bytes.includes(0)) throw notText("it contains NUL bytes");

  let text: string;
  try {
    // Strips a UTF-8 BOM by default.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8("");
  }
  const controls = text.match(ODD_CONTROL)?.length ?? 0;
  if (controls > 8 && controls > text.length * 0.05) {
    throw notText("it is full of control characters");
  }
  if (text.trim() === "") {
    throw new IngestError("empty", "The file is empty: there is no text in it to read.");
  }
  return text;
}
