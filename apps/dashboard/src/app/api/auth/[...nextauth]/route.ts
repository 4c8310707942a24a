// next-auth's endpoints: /api/auth/signin/labmail, /callback/labmail, /signout, /session, /csrf …

import { REQUEST_ID_HEADER } from "@oauth-flow-lab/log";
import { oauthErrorResponse } from "@oauth-flow-lab/oauth";
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions, PROVIDER_ID } from "@/lib/auth";
import { authorizationErrorRedirect } from "@/lib/authorization-error-redirect";
import { requestIdStorage } from "@/lib/request-id";
import { nextAuthInputProblem } from "../next-auth-input";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context): Promise<Response> {
  const segments = (await context.params).nextauth;
  // Input next-auth would throw on (a 500) is refused here, with a 400 that says why.
  const problem = await nextAuthInputProblem(request, segments, PROVIDER_ID);
  if (problem) return oauthErrorResponse(problem);
  const [action, providerId] = segments;
  if (request.method === "GET" && action === "callback" && providerId === PROVIDER_ID) {
    const redirect = await authorizationErrorRedirect(request, PROVIDER_ID);
    if (redirect) return redirect;
  }
  // The request's id (set by src/proxy.ts) goes with next-auth's calls to LabMail (lib/auth.ts).
  const requestId = request.headers.get(REQUEST_ID_HEADER);
  const run = () => NextAuth(request, context, authOptions()) as Promise<Response>;
  return requestId ? requestIdStorage.run(requestId, run) : run();
}

export { handler as GET, handler as POST };
