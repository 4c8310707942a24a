import { Card } from "./card";

export default function Home() {
  return (
    <Card>
      <h1 className="mb-4 text-3xl font-bold">LabMail Accounts</h1>
      <p className="text-lg leading-relaxed text-slate-700">
        This is the <strong>authorization server</strong> of the lab. Applications send you here to sign in and to decide what they may do
        with your mail. Your password is typed here only, never into the application.
      </p>
      <p className="mt-4 text-slate-600">
        Metadata:{" "}
        <a className="text-blue-700 underline" href="/.well-known/openid-configuration">
          /.well-known/openid-configuration
        </a>
      </p>
    </Card>
  );
}
