"use client";

import { createContext, useContext } from "react";

import type { Mentionable } from "@/components/editor/comment-editor";

import { ReplyBus } from "./reply-bus";

/** What every thread on the page shares: who can be mentioned, and whose drafts these are
 * (draft keys start with the reader's id, so a shared computer never offers one reader's
 * unsent words to the next). */
export const ThreadContext = createContext<{
  mentionables: Mentionable[];
  draftScope: string;
  /** Replies arriving live (other readers'), for the threads that are open. */
  replies: ReplyBus;
}>({
  mentionables: [],
  draftScope: "anonymous",
  replies: new ReplyBus(),
});

export function useThreadContext() {
  return useContext(ThreadContext);
}
