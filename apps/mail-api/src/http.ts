// Small HTTP helpers over node:http: JSON responses, a bounded JSON body reader, HTTP-level errors.
import type { IncomingMessage, ServerResponse } from "node:http";
import { InvalidRequest, NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";

/** An HTTP error that is not an OAuth error: unknown path, wrong method, body too large. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly error_description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(error_description);
  }
  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.error_description };
  }
}

export class NotFound extends HttpError {
  constructor(description = "no such resource") {
    super(404, "not_found", description);
  }
}

export class MethodNotAllowed extends HttpError {
  constructor(allowed: readonly string[]) {
    super(405, "method_not_allowed", `use ${allowed.join(" or ")}`, { Allow: allowed.join(", ") });
  }
}

/** Every API response: JSON, never cached (a mailbox is personal; RFC 6749 §5.1 for the errors). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...NO_STORE_HEADERS,
    "X-Content-Type-Options": "nosniff",
    ...(body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" }),
    "Content-Length": String(Buffer.byteLength(payload)),
    ...headers,
  });
  res.end(payload);
}

/**
 * Reads a JSON request body of at most `limit` bytes.
 * @throws HttpError 415 for another media type, 413 when too large; InvalidRequest for bad JSON.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new HttpError(415, "invalid_request", "the request body must be application/json");
  }
  const raw = await readBody(req, limit);
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new InvalidRequest("the request body is not valid JSON");
  }
}

function payloadTooLarge(limit: number): HttpError {
  // Stop reading and close the connection rather than drain an arbitrarily large upload.
  return new HttpError(413, "invalid_request", `the request body exceeds ${limit} bytes`, { Connection: "close" });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return Promise.reject(payloadTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(payloadTooLarge(limit));
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = () => {
      cleanup();
      reject(new InvalidRequest("the request body could not be read"));
    };
    const onClose = () => {
      cleanup();
      reject(new InvalidRequest("the request body is incomplete"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
