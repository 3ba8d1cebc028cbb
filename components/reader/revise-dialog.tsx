"use client";

import { PencilIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FieldError, Input, Label, Textarea } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/api";

interface Result {
  revisionNumber: number;
  reanchored: { exact: number; fuzzy: number; orphaned: number };
}

// Owners and moderators revise the article: a new revision, into which every annotation is
// re-anchored. The reply says how many stayed exact, moved fuzzily or lost their passage.
export function ReviseDialog(props: { documentId: string; title: string; text: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [pending, start] = useTransition();

  function submit(form: FormData) {
    setError(null);
    start(async () => {
      try {
        const reply = await api<Result>(`/api/v1/documents/${props.documentId}`, {
          method: "PUT",
          json: {
            title: String(form.get("title") ?? "").trim() || undefined,
            text: String(form.get("text") ?? ""),
          },
        });
        setResult(reply);
        router.refresh();
      } catch (cause) {
        setError(cause instanceof ApiError ? cause.message : "The revision could not be saved");
      }
    });
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (setOpen(next), setResult(null))}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm">
          <PencilIcon aria-hidden /> Revise
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-3xl">
        <DialogTitle>Revise the article</DialogTitle>
        <DialogDescription>
          Paragraphs are separated by a blank line. Highlights follow their passages into the new
          text.
        </DialogDescription>
        <form action={submit} className="mt-4 space-y-3">
          <div className="space-y-1.5">
            <Label htmlFor="revise-title">Title</Label>
            <Input id="revise-title" name="title" defaultValue={props.title} maxLength={300} />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="revise-text">Text</Label>
            <Textarea
              id="revise-text"
              name="text"
              defaultValue={props.text}
              rows={16}
              className="font-serif"
            />
          </div>
          {error && <FieldError>{error}</FieldError>}
          {result && (
            <p role="status" className="bg-accent-soft rounded-md p-3 text-sm">
              Revision {result.revisionNumber} saved: {result.reanchored.exact} highlights in place,{" "}
              {result.reanchored.fuzzy} moved with changed text, {result.reanchored.orphaned} lost
              their passage.
            </p>
          )}
          <div className="flex justify-end">
            <Button type="submit" disabled={pending}>
              Save revision
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
