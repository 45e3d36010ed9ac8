// Scheduler leader election: a session advisory lock of the install's schema, held on one dedicated connection.
import pg from "pg";
import type { ElectionOptions, LeaderElection } from "../types.ts";
import { LOCK } from "./migrations.ts";
import { parsePgTarget } from "./pool.ts";

/**
 * Server-side TCP keepalive of the lease connection (seconds): when the leader's host vanishes without closing
 * its socket, the server ends the session, and so frees the lock, after idle + interval x count = 25 s.
 */
export const LEASE_KEEPALIVE = { idle: 10, interval: 5, count: 3 } as const;

/** Worst case from a vanished leader host to its lock being free on the server (ms). */
export const PARTITION_RELEASE_MS = (LEASE_KEEPALIVE.idle + LEASE_KEEPALIVE.interval * LEASE_KEEPALIVE.count) * 1000;

/**
 * The leader's heartbeat runs at least this often and times out after at most this long, whatever the retry
 * interval: a cut-off leader stops itself within 2 x 5 s, before the server frees its lock (25 s).
 */
export const HEARTBEAT_MAX_MS = 5000;

function leaseClient(url: string, retryMs: number): pg.Client {
  const target = parsePgTarget(url);
  const k = LEASE_KEEPALIVE;
  const options = [
    target.schema ? `-c search_path=${target.schema}` : null,
    `-c tcp_keepalives_idle=${k.idle} -c tcp_keepalives_interval=${k.interval} -c tcp_keepalives_count=${k.count}`,
  ].filter((o) => o !== null);
  return new pg.Client({
    connectionString: target.connectionString,
    options: options.join(" "),
    application_name: "cpi-leader",
    keepAlive: true,
    connectionTimeoutMillis: Math.min(HEARTBEAT_MAX_MS, Math.max(1000, retryMs)),
    // A heartbeat that hangs (host frozen, network gone) counts as a lost lease after this long.
    query_timeout: Math.min(HEARTBEAT_MAX_MS, Math.max(1000, retryMs)),
  });
}

/**
 * Every `retryMs` a standby tries pg_try_advisory_lock; the leader runs a heartbeat on the same connection.
 * The lease is lost the moment that connection errors or ends (the server released the lock with the
 * session), or a heartbeat fails: `onLost` runs at once, and the process campaigns again on a new connection.
 */
export function campaignPg(url: string, opts: ElectionOptions, ready: Promise<unknown> = Promise.resolve()): LeaderElection {
  let client: pg.Client | null = null;
  let leader = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> = Promise.resolve();

  const drop = (reason: string) => {
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners("end");
      c.end().catch(() => undefined);
    }
    if (leader) {
      leader = false;
      opts.onLost(reason);
    }
  };

  async function connect(): Promise<pg.Client> {
    const c = leaseClient(url, opts.retryMs);
    c.on("error", (error) => {
      if (client === c) drop(`lease connection failed: ${error.message}`);
    });
    c.on("end", () => {
      if (client === c) drop("lease connection closed");
    });
    await c.connect().catch((error: unknown) => {
      c.end().catch(() => undefined);
      throw error;
    });
    return c;
  }

  async function tick(): Promise<void> {
    try {
      await ready;
      client ??= await connect();
      if (leader) {
        await client.query("SELECT 1");
      } else {
        const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1, hashtext(current_schema())) AS got", [LOCK.leader]);
        if (rows[0]?.got && !stopped) {
          leader = true;
          opts.onElected();
        }
      }
    } catch (error) {
      drop(`lease check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let firstDone: (elected: boolean) => void = () => undefined;
  const firstAttempt = new Promise<boolean>((resolve) => (firstDone = resolve));
  const loop = () => {
    if (stopped) return firstDone(false);
    ticking = tick().finally(() => {
      firstDone(leader);
      if (!stopped) timer = setTimeout(loop, leader ? Math.min(opts.retryMs, HEARTBEAT_MAX_MS) : opts.retryMs);
    });
  };
  loop();

  return {
    isLeader: () => leader,
    firstAttempt,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      // Ending the session releases the lock on the server: a standby takes over at its next retry.
      const c = client;
      client = null;
      leader = false;
      if (c) {
        c.removeAllListeners("end");
        await c.end().catch(() => undefined);
      }
    },
  };
}
