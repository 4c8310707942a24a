import type { Metadata } from "next";
import { interactionIdOrNull } from "@/accounts/signup-return";
import { isSignupProblem, PASSWORD_MIN_LENGTH, SIGNUP_MESSAGES, type SignupField } from "@/accounts/signup-rules";
import { Card } from "../card";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create an account · LabMail Accounts", referrer: "no-referrer" };

const FORM_ERRORS: Record<string, string> = {
  throttled: "Too many accounts were created from this network just now. Wait a few minutes, then try again.",
  csrf: "This form was sent from another site. Open the sign-up page here and try again.",
  server: "Something went wrong on our side. Please try again.",
};

const input =
  "w-full rounded-lg border border-slate-300 px-4 py-3 text-lg focus:border-blue-600 focus:outline-none focus:ring-4 focus:ring-blue-100 aria-[invalid=true]:border-red-600";

type Query = Record<string, string | string[] | undefined>;
const one = (query: Query, name: string) => {
  const value = query[name];
  return typeof value === "string" ? value.slice(0, 200) : "";
};

/** Sign-up at the AS: a plain HTML form (signup/create/route.ts); the rules are in accounts/signup-rules.ts. */
export default async function SignupPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const interaction = interactionIdOrNull(one(query, "interaction"));
  const created = one(query, "created");
  if (created !== "") {
    return (
      <Card accent="border-green-600">
        <h1 className="mb-4 text-3xl font-bold">Your account is ready</h1>
        <p className="text-lg text-slate-700">
          You can now sign in as <strong className="text-slate-900">{created}</strong>.
        </p>
        {interaction ? (
          <a
            href={`/interaction/${interaction}`}
            className="mt-6 inline-block rounded-lg bg-blue-600 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
          >
            Continue to sign in
          </a>
        ) : (
          <p className="mt-4 text-lg text-slate-700">Go back to the application and choose “Sign in”.</p>
        )}
      </Card>
    );
  }

  const problem = (field: SignupField) => {
    const code = one(query, `${field}_error`);
    return isSignupProblem(code) ? SIGNUP_MESSAGES[code] : undefined;
  };
  const problems = { username: problem("username"), name: problem("name"), password: problem("password") };
  const formError = FORM_ERRORS[one(query, "error")];
  const field = (name: SignupField, label: string, props: React.InputHTMLAttributes<HTMLInputElement>, hint?: string) => {
    const message = problems[name];
    const describedBy = [hint ? `${name}-hint` : "", message ? `${name}-error` : ""].filter(Boolean).join(" ");
    return (
      <div>
        <label htmlFor={name} className="mb-1 block text-lg font-semibold">
          {label}
        </label>
        {hint && (
          <p id={`${name}-hint`} className="mb-2 text-slate-600">
            {hint}
          </p>
        )}
        <input
          id={name}
          name={name}
          required
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy || undefined}
          className={input}
          {...props}
        />
        {message && (
          <p id={`${name}-error`} className="mt-2 font-medium text-red-800">
            {message}
          </p>
        )}
      </div>
    );
  };

  const anyProblem = formError ?? (Object.values(problems).some(Boolean) ? "Please correct the fields marked below." : undefined);
  return (
    <Card>
      <h1 className="mb-2 text-3xl font-bold">Create your LabMail account</h1>
      <p className="mb-6 text-lg text-slate-600">Your mailbox comes with a few welcome messages.</p>
      {anyProblem && (
        <p role="alert" className="mb-6 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-lg font-medium text-red-800">
          {anyProblem}
        </p>
      )}
      <form method="post" action="/signup/create" className="space-y-5">
        {interaction && <input type="hidden" name="interaction" value={interaction} />}
        {field(
          "username",
          "Username",
          { autoComplete: "username", defaultValue: one(query, "username"), maxLength: 32 },
          "3 to 32 letters, digits, dots, dashes or underscores.",
        )}
        {field("name", "Display name", { autoComplete: "name", defaultValue: one(query, "name"), maxLength: 80 })}
        {field(
          "password",
          "Password",
          { type: "password", autoComplete: "new-password", minLength: PASSWORD_MIN_LENGTH, maxLength: 128 },
          `At least ${PASSWORD_MIN_LENGTH} characters, not containing your username. A few words make a good one.`,
        )}
        <button
          type="submit"
          className="w-full rounded-lg bg-blue-600 px-6 py-3 text-lg font-semibold text-white hover:bg-blue-700 focus:outline-none focus:ring-4 focus:ring-blue-300"
        >
          Create account
        </button>
      </form>
      <p className="mt-6 text-sm text-slate-600">Your password is stored only as an argon2id hash, here at the authorization server.</p>
    </Card>
  );
}
