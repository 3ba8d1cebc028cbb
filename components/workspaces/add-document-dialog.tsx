"use client";

import { FilePlusIcon, LoaderCircleIcon } from "lucide-react";
import { startTransition, useActionState, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FieldError, FieldHint, Input, Label, Select, Textarea } from "@/components/ui/field";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { FormAction } from "@/components/ui/action-form";
import { useHydrated } from "@/lib/client/use-hydrated";
import { formatBytes } from "@/lib/shared/documents/decode-upload";

const ACCEPT = ".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html";

export function AddDocumentDialog({ action, maxBytes }: { action: FormAction; maxBytes: number }) {
  const [state, dispatch, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const [mode, setMode] = useState<"paste" | "upload">("paste");
  const [localError, setLocalError] = useState<string | null>(null);

  // Submitting through a transition (not <form action>) keeps what was typed when the server
  // refuses it: React resets uncontrolled forms after a form action.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (mode === "upload" && file instanceof File && file.size > maxBytes) {
      setLocalError(
        `The file is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`,
      );
      return;
    }
    setLocalError(null);
    startTransition(() => dispatch(form));
  }

  const error = localError ?? (state && !state.ok ? state.message : null);
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button>
          <FilePlusIcon /> Add document
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Add a document</DialogTitle>
        <DialogDescription>
          Paste an article or upload a .txt, .md or .html file (UTF-8, up to {formatBytes(maxBytes)}
          ).
        </DialogDescription>
        <Tabs
          value={mode}
          onValueChange={(value) => setMode(value as "paste" | "upload")}
          className="mt-4"
        >
          <TabsList>
            <TabsTrigger value="paste">Paste text</TabsTrigger>
            <TabsTrigger value="upload">Upload a file</TabsTrigger>
          </TabsList>
          <form
            method="post"
            onSubmit={submit}
            className="mt-4 space-y-4"
            aria-busy={pending}
            noValidate
          >
            <input type="hidden" name="mode" value={mode} />
            <div className="space-y-1.5">
              <Label htmlFor="doc-title">Title</Label>
              <Input
                id="doc-title"
                name="title"
                maxLength={300}
                placeholder="Taken from the document if left empty"
              />
            </div>
            <TabsContent value="paste" className="space-y-4">
              <div className="space-y-1.5">
                <Label htmlFor="doc-content">Text</Label>
                <Textarea
                  id="doc-content"
                  name="content"
                  rows={8}
                  aria-invalid={!!error && mode === "paste"}
                />
              </div>
              <div className="grid gap-4 sm:grid-cols-2">
                <div className="space-y-1.5">
                  <Label htmlFor="doc-format">Format</Label>
                  <Select id="doc-format" name="format" defaultValue="text">
                    <option value="text">Plain text</option>
                    <option value="markdown">Markdown</option>
                    <option value="html">HTML</option>
                  </Select>
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor="doc-url">Source URL</Label>
                  <Input
                    id="doc-url"
                    name="sourceUrl"
                    type="url"
                    inputMode="url"
                    placeholder="https://…"
                  />
                </div>
              </div>
            </TabsContent>
            <TabsContent value="upload" className="space-y-1.5">
              <Label htmlFor="doc-file">File</Label>
              <Input
                id="doc-file"
                name="file"
                type="file"
                accept={ACCEPT}
                className="py-1.5"
                aria-invalid={!!error && mode === "upload"}
              />
              <FieldHint>
                HTML is reduced to its text: headings, paragraphs, lists and quotes.
              </FieldHint>
            </TabsContent>
            {error && <FieldError>{error}</FieldError>}
            <div className="flex justify-end">
              <Button type="submit" disabled={pending || !hydrated}>
                {pending && <LoaderCircleIcon className="animate-spin" />} Add document
              </Button>
            </div>
          </form>
        </Tabs>
      </DialogContent>
    </Dialog>
  );
}
