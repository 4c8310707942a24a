// The naive endpoint's mailbox: a few fixed, invented messages in memory. It never reads a database,
// so a forged token accepted by the naive twin reads nothing that belongs to anyone (.invalid
// addresses, RFC 2606 §2). The same messages whoever the token claims to be.

/** The shape of a message summary, as the real GET /v1/messages lists it. */
export type SyntheticMessage = {
  id: string;
  from: { name: string; address: string };
  to: string;
  subject: string;
  received_at: string;
  unread: boolean;
  snippet: string;
};

/** Said in every answer of the naive endpoint: this mailbox is made up. */
export const SYNTHETIC_MAILBOX = "synthetic";

export const SYNTHETIC_MESSAGES: readonly SyntheticMessage[] = [
  {
    id: "synthetic_01",
    from: { name: "Attack Lab", address: "lab@synthetic.invalid" },
    to: "victim@synthetic.invalid",
    subject: "Your forged token was accepted",
    received_at: "2026-12-01T09:00:00.000Z",
    unread: true,
    snippet: "This mailbox is synthetic: the naive endpoint trusted your token, but it never reads real mail.",
  },
  {
    id: "synthetic_02",
    from: { name: "Payroll (fake)", address: "payroll@synthetic.invalid" },
    to: "victim@synthetic.invalid",
    subject: "Salary statement, December",
    received_at: "2026-12-01T08:30:00.000Z",
    unread: true,
    snippet: "What an attacker would have read here, had this been a real mailbox.",
  },
  {
    id: "synthetic_03",
    from: { name: "Bank (fake)", address: "alerts@bank.synthetic.invalid" },
    to: "victim@synthetic.invalid",
    subject: "Your one-time code: 000000",
    received_at: "2026-11-30T18:15:00.000Z",
    unread: false,
    snippet: "A real mail API that trusts the token's header would hand this to anyone who can write JSON.",
  },
];
