// Shared by the CSV formatter's unit tests and the export integration tests.

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF records, LF inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error("unterminated quoted field");
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        field += '"';
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i];
        i += 1;
      }
    }
    row.push(field);
    if (text[i] === ",") {
      i += 1;
    } else if (text.startsWith("\r\n", i) || i >= text.length) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`bare line break at ${i}`);
    }
  }
  return rows;
}
