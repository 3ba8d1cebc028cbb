import { afterAll, describe, expect, it } from "vitest";

import { readMessage, startSmtpSink } from "../support/smtp-sink";

// This file has its own module graph: the environment below is what lib/server/env.ts parses.
const sink = await startSmtpSink();
process.env.EMAIL_SERVER = `smtp://127.0.0.1:${sink.port}`;
process.env.EMAIL_FROM = "Glossa <glossa@example.org>";
process.env.GLOSSA_PUBLIC_URL = "https://glossa.example.org";

const { POST: createRoute } = await import("@/app/api/v1/documents/[id]/annotations/route");
const { POST: replyRoute } = await import("@/app/api/v1/annotations/[id]/replies/route");
const { makeDocument, makeTeam } = await import("../support/factories");
const { call } = await import("../support/http");

afterAll(() => sink.close());

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for e-mail");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("notification e-mail (SMTP configured)", () => {
  it("goes to the mentioned member and to the annotation's author on a reply, with a link to the passage", async () => {
    const team = await makeTeam();
    const document = await makeDocument(team.workspace.id, {
      content: "Are these trial balloons? We'll see how this develops.",
      title: "CSTO summit",
    });
    const created = await call(createRoute, {
      method: "POST",
      params: { id: document.id },
      json: {
        target: { quote: { exact: "trial balloons" } },
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "Thoughts, " },
                { type: "mention", attrs: { id: team.moderator.id, label: "Moderator" } },
                { type: "text", text: "?" },
              ],
            },
          ],
        },
      },
      headers: team.member.auth,
    });
    expect(created.status).toBe(201);
    await until(() => sink.messages.length === 1);
    const [mention] = sink.messages;
    expect(mention!.to).toEqual([`<${team.moderator.email}>`]);
    const read = readMessage(mention!.data);
    expect(read.subject).toBe("Member mentioned you on “trial balloons” in CSTO summit");
    expect(read.text).toContain("> trial balloons");
    expect(read.text).toContain(
      `Open it: https://glossa.example.org/documents/${document.id}#annotation-${created.body.id}`,
    );

    const answered = await call(replyRoute, {
      method: "POST",
      params: { id: created.body.id },
      json: {
        body: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Surely a probe." }] }],
        },
      },
      headers: team.moderator.auth,
    });
    expect(answered.status).toBe(201);
    await until(() => sink.messages.length === 2);
    expect(sink.messages[1]!.to).toEqual([`<${team.member.email}>`]);
    const answer = readMessage(sink.messages[1]!.data);
    expect(answer.subject).toBe("Moderator replied on “trial balloons” in CSTO summit");
    expect(answer.text).toContain("Surely a probe.");
  });
});
