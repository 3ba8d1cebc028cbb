import { describe, expect, it } from "vitest";

import {
  decodeUtf8Upload,
  formatBytes,
  formatForFilename,
  IngestError,
  UPLOAD_EXTENSIONS,
} from "./decode-upload";

const MB = 1024 * 1024;
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...values: number[]) => Uint8Array.from(values);

/** The IngestError that `fn` throws. */
function ingestError(fn: () => unknown): IngestError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IngestError);
    return error as IngestError;
  }
  throw new Error("expected an IngestError");
}

describe("formatForFilename", () => {
  it("maps every accepted extension, case-insensitively", () => {
    for (const [ext, format] of Object.entries(UPLOAD_EXTENSIONS)) {
      expect(formatForFilename(`notes${ext}`)).toBe(format);
      expect(formatForFilename(`NOTES${ext.toUpperCase()}`)).toBe(format);
    }
    expect(formatForFilename("C:\\Users\\me\\essay.v2.Md")).toBe("markdown");
    expect(formatForFilename("dir.html/page.htm")).toBe("html");
  });

  it("trusts the extension over the content type", () => {
    expect(formatForFilename("a.md", "application/octet-stream")).toBe("markdown");
    expect(formatForFilename("a.txt", "text/html")).toBe("text");
  });

  it("uses the content type only when the name has no extension", () => {
    expect(formatForFilename("README", "text/markdown; charset=utf-8")).toBe("markdown");
    expect(formatForFilename("page", "TEXT/HTML")).toBe("html");
    expect(formatForFilename("notes", "text/plain")).toBe("text");
    expect(ingestError(() => formatForFilename("data.csv", "text/plain")).code).toBe(
      "unsupported_type",
    );
  });

  it("refuses PDF, Word and other files with a message naming the accepted types", () => {
    for (const name of ["paper.pdf", "essay.docx", "old.doc", "image.png", "archive.md.zip"]) {
      const error = ingestError(() => formatForFilename(name, "text/plain"));
      expect(error.code).toBe("unsupported_type");
      expect(error.message).toContain(".txt");
      expect(error.message).toContain(".md");
      expect(error.message).toContain(".html");
    }
    expect(ingestError(() => formatForFilename("paper.pdf")).message).toMatch(/paper\.pdf.*PDF/);
    expect(ingestError(() => formatForFilename("README")).message).toContain("no file extension");
  });
});

describe("formatBytes", () => {
  it("uses binary units with at most one decimal", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1023)).toBe("1023 bytes");
    expect(formatBytes(1024)).toBe("1 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(2 * MB)).toBe("2 MB");
    expect(formatBytes(3.2 * MB)).toBe("3.2 MB");
    expect(formatBytes(MB - 10)).toBe("1 MB");
    expect(formatBytes(5 * 1024 * MB)).toBe("5 GB");
  });
});

describe("decodeUtf8Upload", () => {
  it("decodes UTF-8 with multibyte characters and strips the BOM", () => {
    const text = "Café — naïve 日本語 😀\r\nline two";
    expect(decodeUtf8Upload(utf8(text), MB)).toBe(text);
    expect(decodeUtf8Upload(bytes(0xef, 0xbb, 0xbf, ...utf8("héllo")), MB)).toBe("héllo");
  });

  it("refuses a file over the limit, in human units", () => {
    const error = ingestError(() => decodeUtf8Upload(new Uint8Array(Math.round(3.2 * MB)), 2 * MB));
    expect(error.code).toBe("too_large");
    expect(error.message).toBe("The file is 3.2 MB; the limit is 2 MB.");
    const justOver = ingestError(() => decodeUtf8Upload(new Uint8Array(2 * MB + 1), 2 * MB));
    expect(justOver.message).toBe(
      "The file is 2,097,153 bytes; the limit is 2,097,152 bytes (2 MB).",
    );
    expect(decodeUtf8Upload(utf8("x".repeat(10)), 10)).toBe("xxxxxxxxxx");
  });

  it("refuses invalid UTF-8 (e.g. Latin-1) with advice to save as UTF-8", () => {
    for (const invalid of [bytes(0x43, 0x61, 0x66, 0xe9), bytes(0xc3), bytes(0xed, 0xa0, 0x80)]) {
      const error = ingestError(() => decodeUtf8Upload(invalid, MB));
      expect(error.code).toBe("not_utf8");
      expect(error.message).toMatch(/not valid UTF-8.*save it as UTF-8/);
    }
  });

  it("refuses UTF-16, with or without a BOM", () => {
    const le = bytes(0xff, 0xfe, ...[..."hello"].flatMap((c) => [c.charCodeAt(0), 0]));
    const be = bytes(0xfe, 0xff, ...[..."hello"].flatMap((c) => [0, c.charCodeAt(0)]));
    const bare = bytes(...[..."hello world"].flatMap((c) => [c.charCodeAt(0), 0]));
    for (const input of [le, be, bare]) {
      const error = ingestError(() => decodeUtf8Upload(input, MB));
      expect(error.code).toBe("not_utf8");
      expect(error.message).toContain("UTF-16");
    }
  });

  it("refuses binary files: known signatures, NUL bytes, control characters", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
    expect(ingestError(() => decodeUtf8Upload(png, MB))).toMatchObject({
      code: "binary",
      message: expect.stringMatching(/^This file is not text: .*PNG.*saved as UTF-8\.$/),
    });
    const pdf = utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj");
    expect(ingestError(() => decodeUtf8Upload(pdf, MB)).message).toContain("PDF");
    const zip = bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00);
    expect(ingestError(() => decodeUtf8Upload(zip, MB)).code).toBe("binary");
    const nul = utf8("text\u0000with a NUL and lots more ordinary text after it");
    expect(ingestError(() => decodeUtf8Upload(nul, MB)).message).toContain("NUL");
    const controls = utf8("\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000fab");
    expect(ingestError(() => decodeUtf8Upload(controls, MB)).code).toBe("binary");
  });

  it("accepts ordinary text with the odd tab, form feed or escape", () => {
    const text = "col1\tcol2\fpage two \u001b[1mbold\u001b[0m " + "words ".repeat(100);
    expect(decodeUtf8Upload(utf8(text), MB)).toBe(text);
  });

  it("refuses empty and whitespace-only files", () => {
    for (const input of [
      bytes(),
      utf8("  \n\t\r\n "),
      bytes(0xef, 0xbb, 0xbf),
      utf8("\u00a0\u3000"),
    ]) {
      expect(ingestError(() => decodeUtf8Upload(input, MB)).code).toBe("empty");
    }
  });
});
