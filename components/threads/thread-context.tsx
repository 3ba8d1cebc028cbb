"use client";

import { createContext, useContext } from "react";

import type { Mentionable } from "@/components/editor/comment-editor";

/** What every thread on the page shares: who can be mentioned, and whose drafts these are
 * (draft keys start with the reader's id, so a shared computer never offers one reader's
 * unsent words to the next). */
export const ThreadContext = createContext<{ mentionables: Mentionable[]; draftScope: string }>({
  mentionables: [],
  draftScope: "anonymous",
});

export function useThreadContext() {
  return useContext(ThreadContext);
}
