// The dashboard's own form posts (Compose, marking a message, the guided flow's and the attack lab's
// buttons, the evil AS's token endpoint), read with a bound (packages/oauth readBodyText) instead of
// `request.text()` or `request.formData()`, which buffer whatever arrives for as long as it arrives.
import { readBodyText } from "@oauth-flow-lab/oauth";

/**
 * The largest form body the dashboard reads: Compose's largest message (10,000 characters), each
 * character at worst four UTF-8 bytes, each byte percent-encoded, with room for the other fields.
 */
export const FORM_BODY_LIMIT = 128 * 1024;

/** An application/x-www-form-urlencoded body; empty when it is larger than FORM_BODY_LIMIT or cannot be read. */
export async function readFormOrEmpty(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams(await readBodyText(request, FORM_BODY_LIMIT).catch(() => ""));
}
