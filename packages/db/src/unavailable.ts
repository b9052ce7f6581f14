/**
 * Why the database could not serve a request, when the fault is the
 * database's and not the request's: `unreachable` (no connection, or it
 * dropped), `busy` (reachable, but out of connections, or a statement or a
 * wait for a connection ran out of time) or `read-only` (it answers reads but
 * refuses every write: a failover replica, a hot standby, or
 * `default_transaction_read_only` set while the primary is switched over).
 */
export type DatabaseTrouble = 'unreachable' | 'busy' | 'read-only';

// SQLSTATE classes and codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
const BUSY_CODES = new Set([
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '57014', // query_canceled (statement_timeout)
  '55P03', // lock_not_available (lock_timeout)
  '40P01', // deadlock_detected: the other side went through; trying again works
  '40001', // serialization_failure
]);
/** read_only_sql_transaction: a write in a read-only transaction, or on a standby. */
const READ_ONLY_CODE = '25006';
const UNREACHABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// node-postgres and pg-pool report these with a message and no code.
const BUSY_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Connection terminated due to connection timeout',
];
const UNREACHABLE_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * Runs a write that may be skipped while the database refuses writes (a
 * session's renewal, say): true when it ran, false when the database is
 * read-only; any other failure is thrown.
 *
 * @example
 * if (await writeUnlessReadOnly(db.updateTable('sessions').set(...).execute())) expiresAt = renewed;
 */
export async function writeUnlessReadOnly(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (databaseTrouble(error) === 'read-only') return false;
    throw error;
  }
}

/**
 * Classifies an error thrown by a query: `undefined` when it is not the
 * database's availability at fault (a constraint, a bug in SQL, bad data).
 * Follows `cause` chains and looks inside AggregateError (pg tries every
 * address of a host name, so a refused connection may arrive as one).
 *
 * @example
 * databaseTrouble(new Error('timeout exceeded when trying to connect')) // 'busy'
 */
export function databaseTrouble(error: unknown, depth = 0): DatabaseTrouble | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (code === READ_ONLY_CODE) return 'read-only';
    if (BUSY_CODES.has(code)) return 'busy';
    // Class 08: connection exceptions.
    if (UNREACHABLE_CODES.has(code) || code.startsWith('08')) return 'unreachable';
  }
  if (typeof message === 'string') {
    if (BUSY_MESSAGES.includes(message)) return 'busy';
    if (UNREACHABLE_MESSAGES.includes(message)) return 'unreachable';
  }
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const trouble = databaseTrouble(inner, depth + 1);
      if (trouble) return trouble;
    }
  }
  return databaseTrouble(cause, depth + 1);
}
