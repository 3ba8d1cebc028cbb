"use client";

import { DownloadIcon, LoaderCircleIcon, PrinterIcon } from "lucide-react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FieldError, FieldHint } from "@/components/ui/field";
import { formatBytes } from "@/lib/shared/documents/decode-upload";

import { downloadExport, type ExportProgress } from "./download-export";
import { ExportFilterFields, type ExportFilters } from "./export-filter-fields";

// The Export dialog, in the reader (one document) and in the library (the whole workspace):
// a format, the margin's filters (pre-set from the reader's), a live count of what will be
// exported, and a download that shows its progress. Print opens the clip book's print view.

const FORMATS = [
  {
    value: "csv",
    label: "Spreadsheet (CSV)",
    hint: "One row per passage; opens in Excel, Numbers, Sheets.",
  },
  {
    value: "md",
    label: "Clip book (Markdown)",
    hint: "Grouped by tag, with context, comments and replies.",
  },
  {
    value: "docx",
    label: "Clip book (Word)",
    hint: "The clip book as a .docx with a heading per tag.",
  },
  {
    value: "print",
    label: "Clip book (print or PDF)",
    hint: "Opens a page to print or save as PDF.",
  },
  {
    value: "jsonld",
    label: "W3C Web Annotation (JSON-LD)",
    hint: "For Hypothesis, Recogito and other annotation tools.",
  },
  {
    value: "codebook",
    label: "Tag codebook (CSV)",
    hint: "The tags: name, colour, description, count.",
  },
] as const;
type Format = (typeof FORMATS)[number]["value"];

export interface ExportDialogProps {
  /** "/documents/{id}" or "/workspaces/{id}": the API and print paths hang off it. */
  scopePath: string;
  scopeLabel: string;
  tags: Array<{ name: string; count: number }>;
  authors: Array<{ id: string; name: string }>;
  /** The reader's filters, to start from. */
  initial?: { tag?: string[]; author?: string; status?: "open" | "resolved"; mine?: boolean };
}

export function ExportDialog({ scopePath, scopeLabel, tags, authors, initial }: ExportDialogProps) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<Format>("csv");
  const [filters, setFilters] = useState<ExportFilters>({
    tags: initial?.tag ?? [],
    author: initial?.mine ? "mine" : (initial?.author ?? ""),
    status: initial?.status ?? "",
    from: "",
    to: "",
    replies: true,
    withPrivate: true,
  });
  const [count, setCount] = useState<{ total: number } | { error: string } | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const search = useMemo(() => {
    const params = new URLSearchParams();
    params.set("format", format === "print" ? "md" : format);
    for (const tag of filters.tags) params.append("tag", tag);
    if (filters.author === "mine") params.set("mine", "true");
    else if (filters.author) params.set("author", filters.author);
    if (filters.status) params.set("status", filters.status);
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
    params.set("replies", String(filters.replies));
    params.set("private", String(filters.withPrivate));
    return params;
  }, [format, filters]);

  // The count, asked again (debounced) whenever a filter changes while the dialog is open.
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/v1${scopePath}/export/count?${search}`, {
          signal: controller.signal,
        });
        const body = await response.json();
        setCount(response.ok ? { total: body.total } : { error: body.error?.message ?? "?" });
      } catch (cause) {
        if (!controller.signal.aborted) setCount({ error: String(cause) });
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, scopePath, search]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (format === "print") {
      const params = new URLSearchParams(search);
      params.delete("format");
      window.open(`${scopePath}/print?${params}`, "_blank", "noopener");
      return;
    }
    abort.current = new AbortController();
    setProgress({ bytes: 0, done: false });
    try {
      await downloadExport(
        `/api/v1${scopePath}/export?${search}`,
        abort.current.signal,
        setProgress,
      );
    } catch (cause) {
      if (!abort.current.signal.aborted)
        setError(cause instanceof Error ? cause.message : String(cause));
      setProgress(null);
    }
  }

  const total = count && "total" in count ? count.total : null;
  const busy = progress !== null && !progress.done;
  const noun = format === "codebook" ? "tag" : "annotation";
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) abort.current?.abort();
        setOpen(next);
        setProgress(null);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <DownloadIcon aria-hidden /> Export
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Export {scopeLabel}</DialogTitle>
        <DialogDescription>
          Only what you can read is exported: other members&apos; private annotations never are.
        </DialogDescription>
        <form onSubmit={submit} className="mt-4 grid gap-4" aria-label="Export">
          <fieldset className="grid gap-1.5">
            <legend className="mb-1 text-sm font-medium">Format</legend>
            {FORMATS.map((option) => (
              <label key={option.value} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="format"
                  value={option.value}
                  checked={format === option.value}
                  onChange={() => setFormat(option.value)}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">{option.label}</span>
                  <span className="text-muted block text-xs">{option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>

          {format !== "codebook" && (
            <ExportFilterFields
              tags={tags}
              authors={authors}
              filters={filters}
              onChange={(change) => setFilters((current) => ({ ...current, ...change }))}
            />
          )}

          <p className="text-sm" aria-live="polite" data-testid="export-count">
            {count === null
              ? "Counting…"
              : "error" in count
                ? count.error
                : `${count.total.toLocaleString("en")} ${noun}${count.total === 1 ? "" : "s"} will be exported.`}
          </p>
          {progress && (
            <div className="grid gap-1" data-testid="export-progress">
              <progress
                className="w-full"
                aria-label="Export progress"
                {...(progress.done ? { value: 1, max: 1 } : {})}
              />
              <FieldHint>
                {progress.done
                  ? `Done: ${progress.filename ?? "file"} (${formatBytes(progress.bytes)}).`
                  : `Exporting… ${formatBytes(progress.bytes)} received.`}
              </FieldHint>
            </div>
          )}
          {error && <FieldError role="alert">{error}</FieldError>}
          <div className="flex justify-end gap-2">
            {busy && (
              <Button type="button" variant="ghost" onClick={() => abort.current?.abort()}>
                Cancel
              </Button>
            )}
            <Button type="submit" disabled={busy || (total === 0 && format !== "codebook")}>
              {busy ? (
                <LoaderCircleIcon className="animate-spin" aria-hidden />
              ) : format === "print" ? (
                <PrinterIcon aria-hidden />
              ) : (
                <DownloadIcon aria-hidden />
              )}
              {format === "print" ? "Open print view" : "Download"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
