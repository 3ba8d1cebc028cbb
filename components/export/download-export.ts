"use client";

export interface ExportProgress {
  bytes: number;
  done: boolean;
  filename?: string;
}

/** Fetches an export, reporting bytes as they stream in, then hands the file to the browser's
 * downloads. An error reply (the API's JSON error) becomes an Error with its message. */
export async function downloadExport(
  url: string,
  signal: AbortSignal,
  onProgress: (progress: ExportProgress) => void,
): Promise<void> {
  const response = await fetch(url, { signal });
  if (!response.ok || !response.body) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message ?? `The export failed (${response.status})`);
  }
  const filename = filenameOf(response.headers.get("content-disposition")) ?? "glossa-export";
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    // A repaint per chunk would slow a big download; a few per second are enough to see.
    if (performance.now() - last > 100) {
      last = performance.now();
      onProgress({ bytes, done: false });
    }
  }
  const blob = new Blob(chunks, { type: response.headers.get("content-type") ?? "" });
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  onProgress({ bytes, done: true, filename });
}

function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}
