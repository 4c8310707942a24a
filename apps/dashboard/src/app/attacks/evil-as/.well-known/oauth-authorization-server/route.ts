// The evil AS's metadata (RFC 8414 §3), for the mix-up scenario: attack lab only.
import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";
import { env } from "@/env";
import { evilAsMetadata } from "@/lib/attacks/evil-as";
import { attackLabOff } from "@/lib/attacks/lab";

export const dynamic = "force-dynamic";

export function GET() {
  return attackLabOff() ?? Response.json(evilAsMetadata(env().NEXTAUTH_URL), { headers: NO_STORE_HEADERS });
}
