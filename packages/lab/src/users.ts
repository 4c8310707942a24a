// The demo accounts printed by `npm run demo` and listed in the README.
export type DemoUser = { sub: string; username: string; password: string; name: string; email: string };

export const DEMO_USERS = [
  {
    sub: "5f0c1a4e-6b7d-4c1e-9a55-a11ce0000001",
    username: "alice",
    password: "alice-password",
    name: "Alice Martin",
    email: "alice@labmail.test",
  },
  { sub: "5f0c1a4e-6b7d-4c1e-9a55-b0b000000002", username: "bob", password: "bob-password", name: "Bob Nguyen", email: "bob@labmail.test" },
] as const satisfies readonly DemoUser[];
