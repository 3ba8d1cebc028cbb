"use client";

import { DropdownMenu as Primitive } from "radix-ui";
import type { ComponentProps } from "react";

import { cn } from "@/lib/client/cn";

export const DropdownMenu = Primitive.Root;
export const DropdownMenuTrigger = Primitive.Trigger;

export function DropdownMenuContent({
  className,
  ...props
}: ComponentProps<typeof Primitive.Content>) {
  return (
    <Primitive.Portal>
      <Primitive.Content
        sideOffset={6}
        className={cn(
          "border-line z-50 min-w-56 rounded-lg border bg-white p-1 shadow-lg",
          className,
        )}
        {...props}
      />
    </Primitive.Portal>
  );
}

export function DropdownMenuItem({ className, ...props }: ComponentProps<typeof Primitive.Item>) {
  return (
    <Primitive.Item
      className={cn(
        "data-[highlighted]:bg-ink/5 flex cursor-default items-center gap-2 rounded-md px-2.5 py-2 text-sm outline-none select-none [&_svg]:size-4",
        className,
      )}
      {...props}
    />
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof Primitive.Label>) {
  return (
    <Primitive.Label
      className={cn("text-muted px-2.5 py-1.5 text-xs font-medium", className)}
      {...props}
    />
  );
}

export const DropdownMenuSeparator = (props: ComponentProps<typeof Primitive.Separator>) => (
  <Primitive.Separator className="bg-line my-1 h-px" {...props} />
);
