import { unavailablePage } from "@/lib/http";

export const dynamic = "force-dynamic";

/** Where a page goes when the database is unreachable (lib/http.ts loadOrUnavailable): the 503 page. */
export function GET(request: Request) {
  return unavailablePage(new URL(request.url).searchParams.get("retry") ?? "/");
}
