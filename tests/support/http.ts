// Calls App Router route handlers directly, as Next would, with a real Request.

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Response | Promise<Response>;

export async function call(
  handler: Handler,
  init: {
    method?: string;
    url?: string;
    params?: Record<string, string>;
    json?: unknown;
    body?: BodyInit;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  const request = new Request(init.url ?? "http://localhost/api/v1/test", {
    method: init.method ?? "GET",
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(init.params ?? {}) });
  // An event stream never ends by itself: its status and headers are the answer.
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status, body: null, headers: response.headers };
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export function multipart(
  fields: Record<string, string | { name: string; type?: string; bytes: Uint8Array | string }>,
): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string") form.set(key, value);
    else form.set(key, new File([value.bytes as BlobPart], value.name, { type: value.type ?? "" }));
  }
  return form;
}
