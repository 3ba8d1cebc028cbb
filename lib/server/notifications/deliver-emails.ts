import "server-only";

import { createTransport, type Transporter } from "nodemailer";

import { prisma } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { annotationVisibleTo } from "@/lib/server/permissions";
import { excerpt } from "@/lib/shared/text/excerpt";

import { notificationUrl } from "./present-notification";

// Notifications by e-mail, when SMTP is configured (EMAIL_SERVER). Sent after the change has
// committed, without holding up the reply to the writer; a failure is logged and the in-app
// notification stays.

let transport: Transporter | null = null;

export function emailEnabled(): boolean {
  return Boolean(env().EMAIL_SERVER);
}

export async function deliverNotificationEmails(ids: string[]): Promise<void> {
  const server = env().EMAIL_SERVER;
  if (!server || !ids.length) return;
  transport ??= createTransport(server);
  const rows = await prisma.notification.findMany({
    where: { id: { in: ids } },
    include: {
      user: { select: { email: true, name: true } },
      actor: { select: { name: true } },
      annotation: {
        select: {
          id: true,
          quoteExact: true,
          authorId: true,
          visibility: true,
          deletedAt: true,
          document: { select: { id: true, title: true, workspaceId: true } },
        },
      },
      reply: { select: { bodyText: true } },
    },
  });
  // Checked again when sending: whatever changed since the notification was written (the
  // annotation deleted or made private, the reader gone from the workspace), nothing leaks.
  const memberships = new Set(
    (
      await prisma.membership.findMany({
        where: {
          userId: { in: rows.map((row) => row.userId) },
          workspaceId: {
            in: rows.flatMap((row) =>
              row.annotation ? [row.annotation.document.workspaceId] : [],
            ),
          },
        },
        select: { userId: true, workspaceId: true },
      })
    ).map((row) => `${row.workspaceId}:${row.userId}`),
  );
  for (const row of rows) {
    const annotation = row.annotation;
    if (
      !annotation ||
      annotation.deletedAt ||
      !annotationVisibleTo(row.userId, annotation) ||
      !memberships.has(`${annotation.document.workspaceId}:${row.userId}`)
    )
      continue;
    const who = row.actor?.name ?? "Someone";
    const what = row.kind === "mention" ? "mentioned you" : "replied";
    const quote = excerpt(annotation.quoteExact, 120);
    const said = row.reply?.bodyText ? excerpt(row.reply.bodyText, 400) : "";
    const url = new URL(notificationUrl(annotation.document.id, annotation.id), baseUrl());
    try {
      await transport.sendMail({
        from: env().EMAIL_FROM,
        to: row.user.email,
        subject: `${who} ${what} on “${excerpt(annotation.quoteExact, 50)}” in ${annotation.document.title}`,
        text: [
          `${who} ${what} on a passage of “${annotation.document.title}”:`,
          "",
          `> ${quote}`,
          ...(said ? ["", said] : []),
          "",
          `Open it: ${url.href}`,
        ].join("\n"),
      });
    } catch (error) {
      console.error(`notification e-mail to ${row.user.email} failed:`, (error as Error).message);
    }
  }
}

function baseUrl(): string {
  return env().GLOSSA_PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** Runs the e-mail delivery in the background (it never fails the caller). */
export function deliverLater(ids: string[]): void {
  if (!ids.length || !emailEnabled()) return;
  void deliverNotificationEmails(ids).catch((error: unknown) =>
    console.error("notification e-mails failed:", (error as Error).message),
  );
}
