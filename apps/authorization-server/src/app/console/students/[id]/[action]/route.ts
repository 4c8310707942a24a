import { z } from "zod";
import { disableAccount, enableAccount, resetPassword } from "@/console/class-accounts";
import { credentialSheet } from "@/console/credential-sheet";
import { consoleFormIsGenuine, currentTeacher } from "@/console/teacher-guard";
import { env } from "@/env";
import { db } from "@/lib/db";
import { seeOther } from "@/lib/http";
import { readFormBody } from "@/protocol/parameters";
import { argon2idHasher } from "@/protocol/users";
import { teachersOnly } from "../../../teachers-only";

export const dynamic = "force-dynamic";

const actionSchema = z.enum(["disable", "enable", "reset"]);

/**
 * A student's buttons in the console: "Disable", "Enable", "Reset password" (whose answer is the sheet
 * with the new one-time password). Only for students this teacher created; 303 back otherwise.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; action: string }> }) {
  const teacher = await currentTeacher();
  if (!teacher) return teachersOnly();
  const { id, action: rawAction } = await params;
  const back = (notice: string) => seeOther(new URL(`/console?notice=${notice}`, env().ISSUER));
  const action = actionSchema.safeParse(rawAction);
  if (!action.success) return back("unknown");
  const form = await readFormBody(request).catch(() => new URLSearchParams());
  if (!consoleFormIsGenuine(teacher, request, form)) return back("csrf");
  const deps = { db: db(), now: () => new Date(), hash: argon2idHasher.hash };
  switch (action.data) {
    case "disable":
      return back((await disableAccount(deps, teacher.user.id, id)) ? "disabled" : "unknown");
    case "enable":
      return back((await enableAccount(deps, teacher.user.id, id)) ? "enabled" : "unknown");
    case "reset": {
      const issued = await resetPassword(deps, teacher.user.id, id);
      return issued ? credentialSheet([issued], `New one-time password for ${issued.name}`) : back("unknown");
    }
  }
}
