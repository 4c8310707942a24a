import { disableDeveloperClient } from "@/console/developer/clients";
import { db } from "@/lib/db";
import { backTo, readClientPost } from "../../../console-post";

export const dynamic = "force-dynamic";

/** "Disable" (the owner, or a teacher): the client gets nothing more and its grants end. Answers 303. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const post = await readClientPost(request, params);
  if (post instanceof Response) return post;
  const { id } = post;
  const disabled = await disableDeveloperClient({ db: db(), now: () => new Date() }, post.viewer, id);
  if (!disabled) return backTo("/developer", { error: "not_found" });
  return backTo(`/developer/clients/${encodeURIComponent(id)}`, { notice: "disabled" });
}
