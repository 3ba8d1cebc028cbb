"use server";

import { headers } from "next/headers";

import { signIn } from "@/lib/server/auth/auth";
import { assertNotThrottled, buckets, clientIp, recordHit } from "@/lib/server/auth/throttle";
import { parseForm, runAction, type ActionFailure } from "@/lib/server/http/action";
import { createUser } from "@/lib/server/users/create-user";
import { signUpSchema } from "@/lib/shared/schemas/user";

// Creates the account (joining the invitation's workspace, if any), then signs in.
export async function signUpAction(
  _previous: unknown,
  form: FormData,
): Promise<ActionFailure | null> {
  const result = await runAction("signUpAction", async () => {
    const invite = form.get("invite");
    const input = parseForm(signUpSchema, {
      name: form.get("name"),
      email: form.get("email"),
      password: form.get("password"),
      ...(typeof invite === "string" && invite ? { invite } : {}),
    });
    const keys = [buckets.signUpIp(clientIp(await headers()))];
    await assertNotThrottled(keys, "sign-ups from this address");
    await recordHit(keys);
    const user = await createUser(input);
    const to = user.joinedWorkspaceId ? `/workspaces/${user.joinedWorkspaceId}` : "/";
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: to });
  });
  return result.ok ? null : result;
}
