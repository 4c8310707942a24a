// next-auth's endpoints: /api/auth/signin/labmail, /callback/labmail, /signout, /session, /csrf …
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions, PROVIDER_ID } from "@/lib/auth";
import { authorizationErrorRedirect } from "@/lib/authorization-error-redirect";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: NextRequest, context: Context): Promise<Response> {
  const [action, providerId] = (await context.params).nextauth;
  if (request.method === "GET" && action === "callback" && providerId === PROVIDER_ID) {
    const redirect = await authorizationErrorRedirect(request, PROVIDER_ID);
    if (redirect) return redirect;
  }
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
