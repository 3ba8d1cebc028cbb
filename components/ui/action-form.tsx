"use client";

import { LoaderCircleIcon } from "lucide-react";
import { startTransition, useActionState, type FormEvent, type ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { cn } from "@/lib/client/cn";
import { useHydrated } from "@/lib/client/use-hydrated";

export type FormState =
  | { ok: true; data?: unknown }
  | { ok: false; code: string; message: string; details?: { path: string; message: string }[] }
  | null;
export type FormAction = (previous: FormState, form: FormData) => Promise<FormState>;

// A form bound to a server action. It submits through a transition rather than <form action>,
// so a refused submission keeps what was typed; it shows the server's message and a pending
// state, and hands a successful reply to `success`.
export function ActionForm(props: {
  action: FormAction;
  submitLabel: string;
  children?: ReactNode;
  className?: string;
  variant?: "primary" | "secondary" | "ghost";
  size?: "sm" | "md" | "lg";
  /** Shown after success: a message (usable from server components) or, from client
   * components, a function of the action's data. */
  success?: string | ((data: unknown) => ReactNode);
  confirm?: string;
  submitClassName?: string;
}) {
  const [state, dispatch, pending] = useActionState(props.action, null);
  const hydrated = useHydrated();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (props.confirm && !window.confirm(props.confirm)) return;
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  }
  return (
    <form
      method="post"
      onSubmit={submit}
      className={cn("space-y-3", props.className)}
      aria-busy={pending}
      noValidate
    >
      {props.children}
      {state && !state.ok && <FieldError>{state.message}</FieldError>}
      {state?.ok &&
        (typeof props.success === "string" ? (
          <p role="status" className="text-success text-sm">
            {props.success}
          </p>
        ) : (
          props.success?.(state.data)
        ))}
      <Button
        type="submit"
        disabled={pending || !hydrated}
        variant={props.variant}
        size={props.size}
        className={props.submitClassName}
      >
        {pending && <LoaderCircleIcon className="animate-spin" aria-hidden />}
        {props.submitLabel}
      </Button>
    </form>
  );
}
