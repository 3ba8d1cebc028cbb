"use server";

import { runAction } from "@/lib/server/http/action";
import { markNotificationsRead } from "@/lib/server/notifications/list-notifications";

// Marks every notification of the signed-in reader read.
export async function markAllReadAction() {
  return runAction("markAllReadAction", async (actor) => {
    const { updated } = await markNotificationsRead(actor);
    return `${updated} marked read`;
  });
}
