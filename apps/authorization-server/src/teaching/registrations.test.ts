// The startup rule on a real PostgreSQL (PGlite): teaching-only registrations need teaching mode, and
// the attack lab's naive twins need teaching mode AND the attack lab (ATTACK_LAB=1).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CLIENTS, NAIVE_CLIENTS } from "@oauth-flow-lab/lab";
import { startTestDatabase, type TestDatabase } from "../test-support/auth-database";
import { registerClient } from "../test-support/fixtures";
import { teachingRegistrationProblem } from "./registrations";

let database: TestDatabase;
before(async () => {
  database = await startTestDatabase();
});
after(() => database.stop());

const modes = [
  { teaching: false, attackLab: false },
  { teaching: false, attackLab: true },
  { teaching: true, attackLab: false },
  { teaching: true, attackLab: true },
];

test("registrations fit every mode as long as only real clients are registered", async () => {
  await registerClient(database.db);
  for (const mode of modes) assert.equal(await teachingRegistrationProblem(database.db, mode), undefined);
});

test("the guided client needs teaching mode", async () => {
  await registerClient(database.db, { clientId: CLIENTS.guided.client_id });
  for (const mode of modes) {
    const problem = await teachingRegistrationProblem(database.db, mode);
    if (mode.teaching) assert.equal(problem, undefined);
    else assert.match(problem ?? "", /teaching mode is off, but teaching-only clients are registered: maildash-guided/);
  }
});

test("a naive twin needs teaching mode and the attack lab: any other mode refuses, naming it", async () => {
  await registerClient(database.db, { clientId: NAIVE_CLIENTS.noPkce.client_id, pkceRequired: false });
  for (const mode of modes) {
    const problem = await teachingRegistrationProblem(database.db, mode);
    if (mode.teaching && mode.attackLab) assert.equal(problem, undefined);
    else {
      assert.match(problem ?? "", /naive registrations \(attack lab twins\) are registered: naive-no-pkce/);
      assert.match(problem ?? "", new RegExp(`TEACHING_MODE=${mode.teaching ? 1 : 0}, ATTACK_LAB=${mode.attackLab ? 1 : 0}`));
    }
  }
});
