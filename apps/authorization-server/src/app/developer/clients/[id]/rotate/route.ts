import { rotateClientSecret } from "@/console/developer/clients";
import { db } from "@/lib/db";
import { backTo, readClientPost } from "../../../console-post";
import { OVERLAP_PROSE } from "../../../messages";
import { secretPageResponse } from "../../../secret-page";

export const dynamic = "force-dynamic";

/** "Rotate secret" (the owner of a confidential client): the new secret in this answer only. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const post = await readClientPost(request, params);
  if (post instanceof Response) return post;
  const { id } = post;
  const rotated = await rotateClientSecret({ db: db(), now: () => new Date() }, post.viewer, id);
  if (!rotated) return backTo("/developer", { error: "not_found" });
  return secretPageResponse({
    status: 200,
    title: "New client secret",
    heading: "Your client's new secret",
    client: { client_id: id, name: rotated.name },
    client_secret: rotated.client_secret,
    notes: [OVERLAP_PROSE, `The previous secret stops working at ${rotated.previousSecretExpiresAt.toISOString()}.`],
  });
}
