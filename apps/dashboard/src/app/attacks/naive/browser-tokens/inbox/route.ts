// The browser-tokens twin's inbox, reading the access token from its own URL (its flaw): attack lab only.
import { naiveBrowserTokensInbox } from "@/lib/attacks/naive/callback";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return naiveBrowserTokensInbox(request);
}
