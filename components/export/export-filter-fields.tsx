"use client";

import { Input, Label, Select } from "@/components/ui/field";

// The Export dialog's filters: the margin's (tags, author, status) plus a date range, replies
// and the requester's own private annotations.

export interface ExportFilters {
  tags: string[];
  /** A user id, "mine", or "" for anyone. */
  author: string;
  status: "" | "open" | "resolved";
  from: string;
  to: string;
  replies: boolean;
  withPrivate: boolean;
}

export function ExportFilterFields({
  tags,
  authors,
  filters,
  onChange,
}: {
  tags: Array<{ name: string; count: number }>;
  authors: Array<{ id: string; name: string }>;
  filters: ExportFilters;
  onChange: (change: Partial<ExportFilters>) => void;
}) {
  return (
    <>
      {tags.length > 0 && (
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Tags (any of; none = all)</legend>
          <div className="flex max-h-32 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
            {tags.map((tag) => (
              <label key={tag.name} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={filters.tags.includes(tag.name)}
                  onChange={(event) =>
                    onChange({
                      tags: event.target.checked
                        ? [...filters.tags, tag.name]
                        : filters.tags.filter((name) => name !== tag.name),
                    })
                  }
                />
                {tag.name} <span className="text-muted text-xs">{tag.count}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="grid gap-1">
          <Label htmlFor="export-author">Author</Label>
          <Select
            id="export-author"
            value={filters.author}
            onChange={(e) => onChange({ author: e.target.value })}
          >
            <option value="">Anyone</option>
            <option value="mine">Me</option>
            {authors.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="export-status">Status</Label>
          <Select
            id="export-status"
            value={filters.status}
            onChange={(e) => onChange({ status: e.target.value as ExportFilters["status"] })}
          >
            <option value="">Open and resolved</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </Select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="export-from">Made from</Label>
          <Input
            id="export-from"
            type="date"
            value={filters.from}
            onChange={(e) => onChange({ from: e.target.value })}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="export-to">until</Label>
          <Input
            id="export-to"
            type="date"
            value={filters.to}
            onChange={(e) => onChange({ to: e.target.value })}
          />
        </div>
      </div>
      <div className="grid gap-1.5 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={filters.replies}
            onChange={(e) => onChange({ replies: e.target.checked })}
          />
          Include replies
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={filters.withPrivate}
            onChange={(e) => onChange({ withPrivate: e.target.checked })}
          />
          Include my private annotations
        </label>
      </div>
    </>
  );
}
