import { databaseTrouble, isSchemaCurrent, sql, type Database, type Kysely } from '@skycast/db';

export type ReadinessVerdict =
  | {
      ready: true;
      /**
       * Set while the database answers reads but refuses writes (a failover
       * replica, `default_transaction_read_only`): the instance still serves
       * reads, so it stays ready; `/readyz/writes` says so to whoever routes writes.
       */
      readOnly?: true;
    }
  | {
      ready: false;
      reason:
        | 'shutting down'
        | 'database not reachable'
        | 'database busy'
        | 'database migrations pending';
    };

export interface Readiness {
  /** The verdict for `/readyz`; probes arriving together share one database check. */
  check(): Promise<ReadinessVerdict>;
  /** From now on the answer is "shutting down", whatever the database says. */
  startDraining(): void;
  readonly draining: boolean;
}

export interface ReadinessOptions {
  db: Kysely<Database>;
  /** Consecutive failed checks before turning unready, and good ones before turning ready again. */
  threshold?: number;
  /** A check slower than this counts as "database busy". */
  timeoutMs?: number;
  /** A verdict is reused this long, so a flood of probes costs one query. */
  reuseMs?: number;
}

/**
 * Readiness with a little hysteresis: one slow or failed check (a saturated
 * pool lets some through and not others) does not flip the answer; two in a
 * row do, in either direction. Draining for shutdown flips it at once.
 *
 * @example
 * const readiness = createReadiness({ db });
 * app.get('/readyz', async (_req, res) => { const v = await readiness.check(); ... });
 */
export function createReadiness(options: ReadinessOptions): Readiness {
  const threshold = options.threshold ?? 2;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const reuseMs = options.reuseMs ?? 250;
  let draining = false;
  // The first check decides alone; after it, changes need `threshold` checks in a row.
  let current: ReadinessVerdict | undefined;
  let streak = 0;
  let pending: Promise<ReadinessVerdict> | undefined;
  let checkedAt = 0;

  async function probe(): Promise<ReadinessVerdict> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const outcome = await Promise.race([
        (async () => {
          // A new transaction's default: on for a hot standby and for default_transaction_read_only.
          const { rows } = await sql<{
            ro: boolean;
          }>`select current_setting('transaction_read_only') = 'on' as ro`.execute(options.db);
          if (!(await isSchemaCurrent(options.db))) return 'pending';
          return rows[0]?.ro ? 'read-only' : 'ok';
        })(),
        timeout,
      ]);
      if (outcome === 'timeout') return { ready: false, reason: 'database busy' };
      if (outcome === 'pending') return { ready: false, reason: 'database migrations pending' };
      return outcome === 'read-only' ? { ready: true, readOnly: true } : { ready: true };
    } catch (error) {
      const trouble = databaseTrouble(error);
      return {
        ready: false,
        reason: trouble === 'busy' ? 'database busy' : 'database not reachable',
      };
    } finally {
      clearTimeout(timer);
    }
  }

  function settle(observed: ReadinessVerdict): ReadinessVerdict {
    if (!current || observed.ready === current.ready) {
      streak = 0;
      // Still unready, but perhaps for another reason now: say the latest.
      current = observed;
    } else if (++streak >= threshold) {
      streak = 0;
      current = observed;
    }
    return current;
  }

  return {
    get draining() {
      return draining;
    },
    startDraining() {
      draining = true;
    },
    async check() {
      if (draining) return { ready: false, reason: 'shutting down' };
      if (pending) return pending;
      if (current && Date.now() - checkedAt < reuseMs) return current;
      pending = probe()
        .then(settle)
        .finally(() => {
          pending = undefined;
          checkedAt = Date.now();
        });
      const verdict = await pending;
      return draining ? { ready: false, reason: 'shutting down' } : verdict;
    },
  };
}
