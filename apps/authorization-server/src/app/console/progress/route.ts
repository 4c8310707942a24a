// Class progress.
//   GET  /console/progress  the signed-in teacher's class, as JSON (the console polls it). 403 otherwise.
//   POST /console/progress  MailDash reports one student's progress (teaching mode only; 404 otherwise):
//                           authenticated as a PROGRESS_REPORTING_CLIENT_IDS client with its secret
//                           (client_secret_basic), JSON {sub, activity, step | outcome}. 204.
import { PROGRESS_REPORTING_CLIENT_IDS } from "@oauth-flow-lab/lab";
import { InvalidClient, InvalidRequest, readBodyText } from "@oauth-flow-lab/oauth";
import { classProgress, progressReportSchema, recordProgress } from "@/console/progress";
import { currentTeacher } from "@/console/teacher-guard";
import { db } from "@/lib/db";
import { jsonEndpoint, jsonResponse } from "@/lib/http";
import { teachingMode } from "@/lib/trace";
import { authenticateClient, readClientCredentials } from "@/protocol/client-authentication";
import { teachersOnly } from "../teachers-only";

export const dynamic = "force-dynamic";

/** A report is a few dozen bytes; anything much larger is not one. */
const MAX_BODY_LENGTH = 1_000;

export async function GET() {
  const teacher = await currentTeacher();
  if (!teacher) return teachersOnly();
  return jsonResponse({ students: await classProgress(db(), teacher.user.id) });
}

export async function POST(request: Request) {
  if (!teachingMode()) return jsonResponse({ error: "not_found" }, 404);
  return jsonEndpoint(async () => {
    // Basic only: the body is JSON, so there is no client_secret_post here.
    const credentials = readClientCredentials(request, new URLSearchParams());
    if (credentials.method !== "client_secret_basic") throw new InvalidClient("authenticate with HTTP Basic");
    const client = await authenticateClient(db(), credentials, new Date());
    if (!PROGRESS_REPORTING_CLIENT_IDS.includes(client.id)) throw new InvalidClient("this client may not report progress");
    const text = await readBodyText(request, MAX_BODY_LENGTH);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new InvalidRequest("the body must be JSON");
    }
    const report = progressReportSchema.safeParse(body);
    if (!report.success) throw new InvalidRequest("malformed progress report");
    if (!(await recordProgress({ db: db(), now: () => new Date() }, report.data))) throw new InvalidRequest("unknown sub");
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  }, request);
}
