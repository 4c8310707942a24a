// The naive twin no-pkce's redirect URI (NAIVE_CLIENTS): attack lab only.
import { naiveCallback } from "@/lib/attacks/naive/callback";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return naiveCallback(request, "noPkce");
}
