"use client";

import { CheckIcon, ChevronsUpDownIcon, LogOutIcon, PlusIcon, UserIcon } from "lucide-react";
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
          <DropdownMenuItem onSelect={() => void props.signOut()}>
            <LogOutIcon aria-hidden /> Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </nav>
  );
}
