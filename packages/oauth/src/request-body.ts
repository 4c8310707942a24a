// A request body read with a bound: what a route may buffer is decided before it is read, not after.
// `await request.text()` buffers whatever arrives, for as long as it arrives (a 1 GB upload, or a body
// that never ends); this stops at the limit, whatever Content-Length says, and answers at once when
// Content-Length already says too much.
import { InvalidRequest } from "./errors.ts";

/** Thrown when the body is larger than the limit: an `invalid_request` (400). */
export class RequestBodyTooLarge extends InvalidRequest {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
  }
}

/**
 * The body as UTF-8 text, at most `limit` bytes.
 * @throws RequestBodyTooLarge, without reading further, as soon as the body (or its Content-Length) is larger.
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new RequestBodyTooLarge(limit);
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new RequestBodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
