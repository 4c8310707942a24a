// Resource owners as the protocol code reads them (no password hash ever leaves users.ts).
import { authSql, type PrismaClient } from "@oauth-flow-lab/db/auth";
import { AUTH_STATEMENTS } from "@oauth-flow-lab/db/auth-statements";

export type User = { id: string; username: string; email: string; name: string };

export async function findUser(db: Pick<PrismaClient, "user">, id: string): Promise<User | null> {
  const [user] = await authSql(db).query<User>(AUTH_STATEMENTS.userById, [id]);
  return user ?? null;
}
