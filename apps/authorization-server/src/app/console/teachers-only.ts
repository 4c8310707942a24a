import { NO_STORE_HEADERS } from "@oauth-flow-lab/oauth";

/** What every console route answers to anyone but a signed-in teacher (the page redirects instead). */
export function teachersOnly(): Response {
  return Response.json(
    { error: "access_denied", error_description: "the teacher console is for teachers signed in at LabMail" },
    { status: 403, headers: NO_STORE_HEADERS },
  );
}
