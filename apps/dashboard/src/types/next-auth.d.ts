// The shapes our callbacks give next-auth's session and JWT (module augmentation).
import type { REFRESH_ERROR } from "@/lib/session-token";

declare module "next-auth" {
  interface Session {
    user: { sub: string; name: string | null; email: string | null };
    error?: typeof REFRESH_ERROR;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    access_token?: string;
    refresh_token?: string;
    id_token?: string;
    scope?: string;
    expires_at?: number;
    error?: typeof REFRESH_ERROR;
  }
}
