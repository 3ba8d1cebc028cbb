"use client";

import {
  BellIcon,
  CheckIcon,
  ChevronsUpDownIcon,
  LogOutIcon,
  PlusIcon,
  UserIcon,
} from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export interface NavWorkspace {
  id: string;
  name: string;
}

// The header's right side for a signed-in reader: the workspace switcher and the account menu.
export function SiteNav(props: {
  name: string;
  email: string;
  workspaces: NavWorkspace[];
  currentWorkspaceId?: string;
  /** Unread notifications (mentions, replies). */
  unread: number;
  signOut: () => Promise<void>;
}) {
  const params = useParams<{ id?: string }>();
  const current = props.workspaces.find(
    (workspace) => workspace.id === (props.currentWorkspaceId ?? params.id),
  );
  return (
    <nav aria-label="Account" className="flex items-center gap-1 sm:gap-2">
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="sm" className="max-w-[11rem] sm:max-w-xs">
            <span className="truncate">
              <span className="sr-only">Switch workspace: </span>
              {current?.name ?? "Workspaces"}
            </span>
            <ChevronsUpDownIcon className="text-muted" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>Your workspaces</DropdownMenuLabel>
          {props.workspaces.map((workspace) => (
            <DropdownMenuItem key={workspace.id} asChild>
              <Link href={`/workspaces/${workspace.id}`}>
                <CheckIcon
                  className={workspace.id === current?.id ? "" : "invisible"}
                  aria-hidden
                />
                <span className="truncate">{workspace.name}</span>
              </Link>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/#new-workspace">
              <PlusIcon aria-hidden /> New workspace
            </Link>
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Button
        asChild
        variant="ghost"
        size="icon"
        className="relative"
        aria-label={
          props.unread
            ? `Inbox: ${props.unread} unread ${props.unread === 1 ? "notification" : "notifications"}`
            : "Inbox"
        }
      >
        <Link href="/inbox">
          <BellIcon aria-hidden />
          {props.unread > 0 && (
            <span
              aria-hidden
              className="bg-accent absolute top-0.5 right-0.5 min-w-4 rounded-full px-1 text-center text-[0.625rem] leading-4 font-semibold text-white"
              data-unread-count
            >
              {props.unread > 99 ? "99+" : props.unread}
            </span>
          )}
        </Link>
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Account: ${props.name}`}>
            <UserIcon aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>
            <span className="text-ink block truncate text-sm font-medium">{props.name}</span>
            <span className="block truncate">{props.email}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/account">
              <UserIcon aria-hidden /> Account
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem
            onSelect={() => {
              forgetDrafts();
              void props.signOut();
            }}
          >
            <LogOutIcon aria-hidden /> Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </nav>
  );
}

/** Unsent comment drafts stay on this computer only while their writer is signed in. */
function forgetDrafts(): void {
  try {
    for (const key of Object.keys(window.localStorage))
      if (key.startsWith("glossa:draft:")) window.localStorage.removeItem(key);
  } catch {
    // storage unavailable: nothing was kept
  }
}
