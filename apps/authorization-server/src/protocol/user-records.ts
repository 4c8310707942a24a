// Resource owners as the protocol code reads them (no password hash ever leaves users.ts).
import type { PrismaClient } from "@oauth-flow-lab/db/auth";

export type User = { id: string; username: string; email: string; name: string };

export async function findUser(db: Pick<PrismaClient, "user">, id: string): Promise<User | null> {
  return db.user.findUnique({ where: { id }, select: { id: true, username: true, email: true, name: true } });
}
