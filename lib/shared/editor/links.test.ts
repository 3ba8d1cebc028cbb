import { describe, expect, it } from "vitest";

import { isSafeHref } from "./links";

describe("isSafeHref", () => {
  it.each([
    "http://example.com",
    "https://example.com",
    "HTTPS://EXAMPLE.COM/Path",
    "https://example.com/a/b?c=1&d=2#e",
    "https://user@example.com:8443/x",
    "https://[2001:db8::1]/",
    "https://xn--bcher-kva.example/",
    "https://bücher.example/",
    "https://example.com/%22quoted%22",
    'https://example.com/"><script>alert(1)</script>',
    "mailto:ann@example.com",
    "MAILTO:ann@example.com",
    "mailto:ann@example.com?subject=Hello%20there&body=x",
  ])("allows %s", (href) => {
    expect(isSafeHref(href)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "\u0000javascript:alert(1)",
    "\u0001javascript:alert(1)",
    "\fjavascript:alert(1)",
    "javascript :alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "java\u0000script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "javascript&colon;alert(1)",
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "\u006Aavascript:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "java\u200bscript:alert(1)",
    "\u2028javascript:alert(1)",
    "\u00a0javascript:alert(1)",
    "\ufeffjavascript:alert(1)",
    "javascript://%0aalert(1)",
    "javascript://example.com/%0Aalert(1)",
    "javascript:alert(1)//https://example.com",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "DATA:text/html,x",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://example.com/0b7f2c4e",
    "ftp://example.com/",
    "ws://example.com/",
    "about:blank",
    "//evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "/relative/path",
    "relative/path",
    "../up",
    "#fragment",
    "?query",
    "https:evil.example",
    "https:/evil.example",
    "https:\\\\evil.example",
    "http://",
    "https://",
    "https:// example.com",
    "https://example.com/a b",
    "https://example.com\u0000",
    "https://exa\u00admple.com\u2028",
    "mailto:",
    "mailto:no-at-sign",
    "mailto:javascript:alert(1)",
    "mailto:a@b@c",
    `https://example.com/${"a".repeat(2048)}`,
    "",
  ])("refuses %j", (href) => {
    expect(isSafeHref(href)).toBe(false);
  });

  it("refuses anything that is not a string", () => {
    for (const value of [undefined, null, 1, true, {}, [], ["https://example.com"]]) {
      expect(isSafeHref(value)).toBe(false);
    }
    expect(isSafeHref({ toString: () => "https://example.com" })).toBe(false);
  });
});
