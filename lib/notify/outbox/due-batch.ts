import type { DbOrTx } from "../../db";

// Which due notifications the next batch takes. Oldest first alone would let a backlog
// (a thousand maintenance notices still going out) hold a new incident's alerts behind it;
// newest first alone could leave that backlog waiting for ever. So half of each batch is
// the newest due rows (a new event goes out at once, and first) and the rest the oldest
// (a backlog keeps draining, and every row becomes the oldest one day). Two short index
// scans: a per-event round robin needs every due row sorted, ~0.5 s per batch at 100,000.
// This only picks candidates: the dispatcher still claims them with its compare-and-set lease.

export async function dueBatch(db: DbOrTx, now: Date, take: number): Promise<string[]> {
  const free = { status: "pending", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const [newest, oldest] = await Promise.all([
    // Due-ness is checked here rather than in SQL so that SQLite walks the (status, createdAt)
    // index instead of sorting every due row; a recent row still backing off only leaves room.
    db.notification.findMany({ where: free, orderBy: { createdAt: "desc" }, take: Math.ceil(take / 2), select: { id: true, nextAttemptAt: true } }),
    db.notification.findMany({ where: { ...free, nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: "asc" }, take, select: { id: true } }),
  ]);
  const due = newest.filter((r) => r.nextAttemptAt <= now);
  return [...new Set([...due, ...oldest].map((r) => r.id))].slice(0, take);
}
