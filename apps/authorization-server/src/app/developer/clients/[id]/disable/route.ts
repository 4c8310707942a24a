import { disableDeveloperClient } from "@/console/developer/clients";
import { db } from "@/lib/db";
import { backTo, plausibleClientId, readConsolePost } from "../../../console-post";

export const dynamic = "force-dynamic";

/** "Disable" (the owner, or a teacher): the client gets nothing more and its grants end. Answers 303. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const post = await readConsolePost(request);
  if (post instanceof Response) return post;
  if (!plausibleClientId(id)) return backTo("/developer", { error: "not_found" });
  const disabled = await disableDeveloperClient({ db: db(), now: () => new Date() }, post.viewer, id);
  if (!disabled) return backTo("/developer", { error: "not_found" });
  return backTo(`/developer/clients/${encodeURIComponent(id)}`, { notice: "disabled" });
}
