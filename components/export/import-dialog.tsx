"use client";

import { LoaderCircleIcon, UploadIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FieldError, FieldHint, Input, Label, Select } from "@/components/ui/field";
import { formatBytes } from "@/lib/shared/documents/decode-upload";
import { IMPORT_MAX_BYTES } from "@/lib/shared/export/import/limits";
import type { ImportReport } from "@/lib/shared/export/types";

// Import annotations made elsewhere: a W3C Web Annotation file (Glossa's own JSON-LD export
// included) or a Hypothesis export. The server places each on the workspace document whose
// address or title matches and answers with a report, shown here.

export function ImportDialog({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError("Choose a file first.");
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setError(
        `The file is ${formatBytes(file.size)}; the limit is ${formatBytes(IMPORT_MAX_BYTES)}.`,
      );
      return;
    }
    setError(null);
    setReport(null);
    setPending(true);
    try {
      const visibility = form.get("visibility") === "private" ? "private" : "workspace";
      const response = await fetch(
        `/api/v1/workspaces/${workspaceId}/import?visibility=${visibility}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: file,
        },
      );
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        setError(body?.error?.message ?? `The import failed (${response.status}).`);
        return;
      }
      setReport(body as ImportReport);
      router.refresh();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      onOpenChange={() => {
        setReport(null);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary">
          <UploadIcon aria-hidden /> Import
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Import annotations</DialogTitle>
        <DialogDescription>
          A W3C Web Annotation file (.jsonld or .json, e.g. a Glossa export) or a Hypothesis export.
          Each annotation goes to the document here with the same web address or title, placed by
          its quote. You become their author; the original names are kept.
        </DialogDescription>
        <form onSubmit={submit} className="mt-4 grid gap-4" aria-label="Import annotations">
          <div className="grid gap-1">
            <Label htmlFor="import-file">File</Label>
            <Input
              id="import-file"
              name="file"
              type="file"
              accept=".json,.jsonld,application/json,application/ld+json"
              required
            />
            <FieldHint>Up to {formatBytes(IMPORT_MAX_BYTES)}.</FieldHint>
          </div>
          <div className="grid gap-1">
            <Label htmlFor="import-visibility">Who sees them</Label>
            <Select id="import-visibility" name="visibility" defaultValue="workspace">
              <option value="workspace">Everyone in the workspace</option>
              <option value="private">Only me (private)</option>
            </Select>
          </div>
          {error && <FieldError role="alert">{error}</FieldError>}
          {report && <Report report={report} />}
          <div className="flex justify-end">
            <Button type="submit" disabled={pending}>
              {pending ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : <UploadIcon />}
              Import
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function Report({ report }: { report: ImportReport }) {
  const from = report.format === "hypothesis" ? "Hypothesis" : "W3C Web Annotation";
  return (
    <div
      role="status"
      className="bg-ink/5 grid gap-2 rounded-md p-3 text-sm"
      data-testid="import-report"
    >
      <p className="font-medium">
        Imported {report.imported} annotation{report.imported === 1 ? "" : "s"} ({from})
        {report.replies ? ` and ${report.replies} repl${report.replies === 1 ? "y" : "ies"}` : ""}.
      </p>
      <ul className="grid gap-0.5">
        <li>{report.exact} placed exactly</li>
        <li>{report.fuzzy} placed where the text differs a little (marked “text changed”)</li>
        <li>
          {report.orphaned} whose passage was not found (listed under “Passages no longer in the
          text”)
        </li>
        {report.duplicates > 0 && <li>{report.duplicates} already here, not added again</li>}
      </ul>
      {report.documents.length > 0 && (
        <ul className="grid gap-0.5">
          {report.documents.map((document) => (
            <li key={document.id}>
              <a className="text-accent underline" href={`/documents/${document.id}`}>
                {document.title}
              </a>
              : {document.imported}
            </li>
          ))}
        </ul>
      )}
      {report.unmatched.length > 0 && (
        <div>
          <p className="font-medium">No document here for:</p>
          <ul className="grid gap-0.5">
            {report.unmatched.map((item) => (
              <li key={item.source} className="break-all">
                {item.source} ({item.count}): {item.reason}.
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.skipped.length > 0 && (
        <details>
          <summary>{report.skipped.length} left out</summary>
          <ul className="grid gap-0.5">
            {report.skipped.slice(0, 50).map((item) => (
              <li key={`${item.index}-${item.reason}`}>
                Item {item.index + 1}: {item.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
