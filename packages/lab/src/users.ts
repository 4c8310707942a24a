// The demo accounts printed by `npm run demo` and listed in the README, and the roles an account can have.

/** "teacher" opens the teacher console at the AS; every other account is a "student". */
export const ROLES = ["student", "teacher"] as const;
export type Role = (typeof ROLES)[number];

export type DemoUser = { sub: string; username: string; password: string; name: string; email: string; role: Role };

export const DEMO_USERS = [
  {
    sub: "5f0c1a4e-6b7d-4c1e-9a55-a11ce0000001",
    username: "alice",
    password: "alice-password",
    name: "Alice Martin",
    email: "alice@labmail.test",
    role: "student",
  },
  {
    sub: "5f0c1a4e-6b7d-4c1e-9a55-b0b000000002",
    username: "bob",
    password: "bob-password",
    name: "Bob Nguyen",
    email: "bob@labmail.test",
    role: "student",
  },
  {
    sub: "5f0c1a4e-6b7d-4c1e-9a55-7eac00000003",
    username: "teacher",
    password: "teacher-password",
    name: "Ms. Teacher",
    email: "teacher@labmail.test",
    role: "teacher",
  },
] as const satisfies readonly DemoUser[];
