import { unavailablePage } from "@/lib/state/unavailable";

export const dynamic = "force-dynamic";

/** Where a page goes when its state store is unreachable (lib/state/unavailable.ts loadOrUnavailable): the 503 page. */
export function GET(request: Request) {
  return unavailablePage(new URL(request.url).searchParams.get("retry") ?? "/");
}
