// A writer in its own process, for the backup test: inserts audit rows in pairs, one
// transaction per pair (targetId = the pair's number, targetType "a" then "b"), as fast as
// it can until killed. A consistent copy holds pairs 0…k-1 whole, for some k.
import { createDb } from "../../lib/db";

const db = createDb(process.env.VIGIL_WRITER_DATABASE_URL!);
for (let i = 0; ; i++) {
  const row = (targetType: string) => db.auditEvent.create({ data: { action: "test.tick", targetType, targetId: String(i) } });
  await db.$transaction([row("a"), row("b")]);
}
