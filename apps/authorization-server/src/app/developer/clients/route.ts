import { describeDuration, LIFETIMES } from "@oauth-flow-lab/lab";
import { parseRegistration, RegistrationRefused, registerDeveloperClient } from "@/console/developer/clients";
import { db } from "@/lib/db";
import { backTo, readConsolePost } from "../console-post";
import { OVERLAP_PROSE } from "../messages";
import { secretPageResponse } from "../secret-page";

export const dynamic = "force-dynamic";

/**
 * "Register client": 201 with the new client_id and, for a confidential client, its secret, shown in
 * this answer only. A refused registration is a 303 back to /developer with the reason.
 */
export async function POST(request: Request) {
  const post = await readConsolePost(request);
  if (post instanceof Response) return post;
  try {
    const registration = parseRegistration(post.form);
    const created = await registerDeveloperClient({ db: db(), now: () => new Date() }, post.viewer, registration);
    return secretPageResponse({
      status: 201,
      title: "Client registered",
      heading: `${registration.name} is registered`,
      client: { client_id: created.client_id, name: registration.name },
      client_secret: created.client_secret,
      notes: [
        created.client_secret === null
          ? "A public client has no secret: it proves nothing at the token endpoint, so PKCE is what protects its codes (required for every client)."
          : OVERLAP_PROSE,
        `Redirect URIs: ${registration.redirect_uris.join(", ")}. Scopes: ${registration.scopes.join(" ")}. Authorization codes live ${describeDuration(LIFETIMES.authorization_code.seconds)}, access tokens ${describeDuration(LIFETIMES.access_token.seconds)}.`,
      ],
    });
  } catch (error) {
    if (error instanceof RegistrationRefused) return backTo("/developer", { error: error.problem });
    throw error;
  }
}
