import { createServer, type Server } from "node:net";

// A minimal SMTP server that accepts every message and keeps it: enough for nodemailer to
// deliver to in tests (no TLS, no auth), so that e-mail is tested through a real socket.

export interface SmtpSink {
  port: number;
  messages: Array<{ from: string; to: string[]; data: string }>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpSink["messages"] = [];
  const server: Server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: [] as string[], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink ESMTP");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          current = { from: "", to: [], data: "" };
          reply("250 queued");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 sink");
        else if (verb === "MAIL") {
          current.from = line.slice(10).trim();
          reply("250 ok");
        } else if (verb === "RCPT") {
          current.to.push(line.slice(8).trim());
          reply("250 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 go on");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else if (verb === "RSET" || verb === "NOOP") reply("250 ok");
        else reply("502 not here");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The subject and text of a plain-text message as a person reads them (quoted-printable and
 * encoded-word headers decoded). */
export function readMessage(data: string): { subject: string; text: string } {
  const split = data.indexOf("\r\n\r\n");
  const head = data.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = data.slice(split + 4);
  const subjectLine = /^Subject: (.*)$/im.exec(head)?.[1] ?? "";
  const subject = subjectLine
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, word: string) => qp(word.replace(/_/g, " ")));
  const text = /quoted-printable/i.test(head) ? qp(body.replace(/=\r\n/g, "")) : body;
  return { subject, text: text.replace(/\r\n/g, "\n") };
}

function qp(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    if (value[i] === "=" && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}
