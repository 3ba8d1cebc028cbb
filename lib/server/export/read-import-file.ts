import "server-only";

import { AppError } from "@/lib/server/errors";
import { readBodyBytes } from "@/lib/server/http/api-route";

const TYPES = new Set(["application/json", "application/ld+json"]);

/** The uploaded file as JSON: sent as the body (application/json or application/ld+json, the
 * type W3C tools give it), at most `maxBytes`. */
export async function readImportFile(request: Request, maxBytes: number): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!TYPES.has(type)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the file as application/json or application/ld+json",
    );
  }
  const bytes = await readBodyBytes(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The file is not UTF-8 text");
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    const where = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw new AppError("bad_request", `The file is not valid JSON${where}`);
  }
}
