// Leader election on PostgreSQL: one lease per schema, lost the moment its connection dies, taken over at the next retry.
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openStore, type LeaderElection, type Store } from "../../src/db/index.ts";
import { LOCK } from "../../src/db/postgres/migrations.ts";
import { adminQuery, createTestSchema, describePg, type TestSchema } from "../helpers/pg.ts";

const RETRY_MS = 100;

async function until(what: string, predicate: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Candidate {
  store: Store;
  election: LeaderElection;
  events: string[];
}

function candidate(url: string): Candidate {
  const store = openStore(url);
  const events: string[] = [];
  const election = store.campaign({ retryMs: RETRY_MS, onElected: () => events.push("elected"), onLost: (why) => events.push(`lost: ${why}`) });
  return { store, election, events };
}

describePg("postgres leader election", () => {
  let schema: TestSchema;
  const opened: Candidate[] = [];
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    for (const c of opened.splice(0)) {
      await c.election.stop();
      await c.store.close();
    }
    await schema.drop();
  });

  it("elects exactly one of three, and a standby takes over when the leader steps down", async () => {
    const cs = [candidate(schema.url), candidate(schema.url), candidate(schema.url)];
    opened.push(...cs);
    const firsts = await Promise.all(cs.map((c) => c.election.firstAttempt));
    expect(firsts.filter(Boolean)).toHaveLength(1);
    await sleep(RETRY_MS * 3);
    expect(cs.filter((c) => c.election.isLeader())).toHaveLength(1);
    const leader = cs.find((c) => c.election.isLeader())!;
    await leader.election.stop();
    await until("a new leader", () => cs.filter((c) => c !== leader && c.election.isLeader()).length === 1);
    expect(cs.filter((c) => c.election.isLeader())).toHaveLength(1);
  });

  it("the lease is lost when the server ends the leader's session, and another process leads", async () => {
    const a = candidate(schema.url);
    opened.push(a);
    expect(await a.election.firstAttempt).toBe(true);
    const b = candidate(schema.url);
    opened.push(b);
    expect(await b.election.firstAttempt).toBe(false);
    // The leader's session dies (a crashed host, a restarted server, an operator): the lock goes with it.
    // Only this schema's lease (classid = the leader lock class, objid = hashtext(schema) as an unsigned oid).
    const { rowCount } = await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid::bigint = (hashtext($2)::bigint & 4294967295)`,
      [LOCK.leader, schema.name],
    );
    expect(rowCount).toBe(1);
    await until("the old leader to notice", () => a.events.some((e) => e.startsWith("lost:")));
    await until("one leader again", () => a.election.isLeader() !== b.election.isLeader());
    expect([a, b].filter((c) => c.election.isLeader())).toHaveLength(1);
  });

  it("leases of two schemas are independent", async () => {
    const other = await createTestSchema();
    try {
      const a = candidate(schema.url);
      const b = candidate(other.url);
      opened.push(a, b);
      expect(await Promise.all([a.election.firstAttempt, b.election.firstAttempt])).toEqual([true, true]);
    } finally {
      for (const c of opened.splice(0)) {
        await c.election.stop();
        await c.store.close();
      }
      await other.drop();
    }
  });
});
