"use client";

import { createContext, useContext } from "react";

import type { Mentionable } from "@/components/editor/comment-editor";

/** What every thread on the page shares: who can be mentioned. */
export const ThreadContext = createContext<{ mentionables: Mentionable[] }>({ mentionables: [] });

export function useThreadContext() {
  return useContext(ThreadContext);
}
