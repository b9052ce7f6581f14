import { initTRPC, type TRPC_ERROR_CODE_KEY, type TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';

import {
  databaseTrouble,
  type DatabaseTrouble,
  type Kysely,
  type PublicDatabase,
  type SignedInDatabase,
} from '@skycast/db';
import type { Language } from '@skycast/validators';
import { ProviderError } from '@skycast/weather';

import type { SessionUser } from './accounts/accounts-service.ts';
import { ClientError, reasonOf } from './client-error.ts';
import { errorText, issueText } from './i18n/error-messages.ts';
import type { Logger } from './logger.ts';
import { RateLimitExceeded, type RateLimit } from './rate-limit.ts';
import type { PlaceRow, Services } from './services.ts';
import { runInRequestScope, type WeatherRequestScope } from './weather/request-scope.ts';

/** The session cookie as the HTTP host sees it: read from the request, written on the response. */
export interface SessionCookie {
  /** The token the request carried, if any. */
  readonly token: string | undefined;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface CreateContextOptions {
  services: Services;
  logger: Logger;
  requestId: string;
  /** Absent for callers without HTTP (scripts): then nobody is signed in. */
  sessionCookie?: SessionCookie;
  /** The caller's language (`lang` or `Accept-Language`), for the words of error messages; English when absent. */
  language?: Language;
  /** The caller's address as the HTTP server sees it (after trusted proxies); rate limits and sign-in throttling key on its client key. */
  clientIp?: string | undefined;
}

/** An opaque handle: only this module can turn it into the database with user tables. */
export interface SignedInAccess {
  readonly __brand: 'SignedInAccess';
}
const signedInDatabases = new WeakMap<SignedInAccess, Kysely<SignedInDatabase>>();

const NO_COOKIE: SessionCookie = { token: undefined, set: () => undefined, clear: () => undefined };

/**
 * Everything a procedure may use; built for every request. Public procedures
 * get a database typed without the user tables; user data is reached through
 * `accounts` or, once signed in, through `protectedProcedure`'s `ctx.db`.
 */
export function createTRPCContext(options: CreateContextOptions) {
  const { services } = options;
  const sessionCookie = options.sessionCookie ?? NO_COOKIE;
  let signedIn: Promise<SessionUser | null> | undefined;
  const signedInAccess = Object.freeze({}) as SignedInAccess;
  const clientKey = services.clientKeyOf(options.clientIp);
  signedInDatabases.set(signedInAccess, services.db as unknown as Kysely<SignedInDatabase>);
  return {
    db: services.db as unknown as Kysely<PublicDatabase>,
    weather: services.weather,
    confidence: services.confidence,
    normals: services.normals,
    accounts: services.accounts,
    placesMemory: services.placesMemory,
    rateLimiter: services.rateLimiter,
    watches: services.watches,
    logger: options.logger,
    requestId: options.requestId,
    language: options.language ?? 'en',
    /**
     * Who the caller is to every per-client limit (rate limits, sign-in and
     * sign-up, new places): the address, IPv6 cut to its prefix. Never the
     * raw address: one IPv6 host owns a whole /64.
     */
    clientKey,
    /** Filled by the weather cache while the procedures run: which entries the answer came from. */
    weatherScope: { clientKey, served: [], missed: [] } as WeatherRequestScope,
    /**
     * Filled by the procedures while they run: the user data kept in memory
     * that the answer was made from (the very list `placesMemory` holds), so
     * the HTTP layer can keep the answer exactly as long as that list is kept.
     */
    madeFrom: {} as MadeFrom,
    sessionCookie,
    /**
     * The signed-in user, looked up once per request (a batch shares it);
     * a session near its end is renewed and its cookie re-sent.
     */
    currentUser(): Promise<SessionUser | null> {
      signedIn ??= services.accounts.authenticate(sessionCookie.token).then((session) => {
        if (!session) return null;
        if (session.renewed) sessionCookie.set(sessionCookie.token ?? '', session.expiresAt);
        return session.user;
      });
      return signedIn;
    },
    /** Forgets the looked-up user, after signing in or out within this request. */
    forgetCurrentUser(): void {
      signedIn = undefined;
    },
    // Only `protectedProcedure` turns this into a database, after checking the session.
    signedInAccess,
  };
}
export type Context = Awaited<ReturnType<typeof createTRPCContext>>;

/** The kept user data an answer was made from (see the context's `madeFrom`). */
export interface MadeFrom {
  places?: { userId: string; value: readonly PlaceRow[] };
}

/** What differs per procedure, set with `.meta({ ... })`; read by middleware, HTTP headers and the API reference. */
export interface ProcedureMeta {
  /** At most `max` calls per client IP in `windowSeconds`: per instance, or across instances with `scope: 'shared'`. */
  rateLimit?: RateLimit;
  /** Public queries only: browsers and CDNs may reuse a successful answer this many seconds. */
  cacheSeconds?: number;
  /** Error codes the procedure may answer with beyond the standard ones, for the API reference. */
  errors?: readonly TRPC_ERROR_CODE_KEY[];
  /** One line for the API reference. */
  description?: string;
  /** A valid input, shown in the API reference's `curl` example (checked by the guardrail test). */
  example?: unknown;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Stacks stay in the logs, never in responses.
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : undefined;
      const language = ctx?.language ?? 'en';
      const reason = reasonOf(error, zodError !== undefined);
      const values = error instanceof ClientError ? error.values : null;
      let message = shape.message;
      if (zodError) message = describeInputError(zodError, language);
      // Internal errors may carry SQL or driver details: the log has them, the client does not.
      else if (error.code === 'INTERNAL_SERVER_ERROR') message = errorText(language, 'INTERNAL');
      else if (values && reason) message = errorText(language, reason, values);
      return {
        ...shape,
        message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          reason,
          values,
          zodError: zodError
            ? z.flattenError(zodError, (issue) => issueText(language, issue))
            : null,
        },
      };
    },
  });

function describeInputError(error: ZodError, language: Language): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.join('.');
    const words = issueText(language, issue);
    return path ? `${path}: ${words}` : words;
  });
  return `${errorText(language, 'INVALID_INPUT')} — ${issues.join('; ')}`;
}

/**
 * Turns an upstream weather service's failure into an error the client can
 * show: the provider's details go to the log, the user gets what to do.
 */
const providerErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ProviderError) {
    throw toClientError(result.error.cause);
  }
  if (!result.ok && result.error.cause instanceof RateLimitExceeded) {
    const exceeded = result.error.cause;
    throw new ClientError(
      'TOO_MANY_REQUESTS',
      exceeded.reason,
      { seconds: exceeded.retryAfterSeconds },
      exceeded,
    );
  }
  return result;
});

/** Lets the weather cache see the request it serves (see `request-scope.ts`). */
const inRequestScope = t.middleware(({ ctx, next }) =>
  runInRequestScope(ctx.weatherScope, () => next()),
);

function toClientError(error: ProviderError): TRPCError {
  switch (error.kind) {
    case 'timeout':
      return new ClientError('GATEWAY_TIMEOUT', 'PROVIDER_TIMEOUT', {}, error);
    case 'rate-limited':
    case 'over-quota':
      return new ClientError('TOO_MANY_REQUESTS', 'PROVIDER_BUSY', retryHint(error.retryAt), error);
    case 'circuit-open':
      return new ClientError('SERVICE_UNAVAILABLE', 'PROVIDER_PAUSED', {}, error);
    default:
      return new ClientError('BAD_GATEWAY', 'PROVIDER_TROUBLE', {}, error);
  }
}

/** How long until the provider takes calls again, as `PROVIDER_BUSY`'s values. */
function retryHint(retryAt: Date | undefined): { unit: string; count: number } {
  if (!retryAt) return { unit: 'unknown', count: 1 };
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000));
  return seconds <= 90
    ? { unit: 'seconds', count: seconds }
    : { unit: 'minutes', count: Math.ceil(seconds / 60) };
}

/** How long a client is asked to wait (`Retry-After`) when the database cannot serve it. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
/** The same while the database refuses writes: a failover takes tens of seconds, not five. */
export const DATABASE_READ_ONLY_RETRY_AFTER_SECONDS = 30;

const TROUBLE_WORDS: Record<DatabaseTrouble, string> = {
  busy: 'busy',
  unreachable: 'not reachable',
  'read-only': 'read-only',
};

/** The cause of a SERVICE_UNAVAILABLE answer given because of the database (see `databaseTrouble`). */
export class DatabaseUnavailable extends Error {
  override readonly name = 'DatabaseUnavailable';
  readonly retryAfterSeconds: number;
  readonly trouble: DatabaseTrouble;
  constructor(trouble: DatabaseTrouble, cause: unknown) {
    super(
      `database ${TROUBLE_WORDS[trouble]}: ${(cause as Error | undefined)?.message ?? String(cause)}`,
      { cause },
    );
    this.trouble = trouble;
    this.retryAfterSeconds =
      trouble === 'read-only'
        ? DATABASE_READ_ONLY_RETRY_AFTER_SECONDS
        : DATABASE_RETRY_AFTER_SECONDS;
  }
}

/**
 * The database being away or saturated is not the request's fault nor a bug:
 * it answers 503 with `Retry-After` and says so, instead of a 500. Outermost,
 * so the rate limit's and the session's queries are covered too. A write that
 * failed this way was rolled back by PostgreSQL (each one is one statement or
 * one transaction), so trying again is safe. A database that refuses writes
 * (a failover replica) gets the reason `DATABASE_READ_ONLY`: reads go on.
 */
const databaseErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof ProviderError)) {
    const trouble = databaseTrouble(result.error.cause);
    if (trouble === 'read-only') {
      throw new ClientError(
        'SERVICE_UNAVAILABLE',
        'DATABASE_READ_ONLY',
        { seconds: DATABASE_READ_ONLY_RETRY_AFTER_SECONDS },
        new DatabaseUnavailable(trouble, result.error.cause),
      );
    }
    if (trouble) {
      throw new ClientError(
        'SERVICE_UNAVAILABLE',
        trouble === 'busy' ? 'DATABASE_BUSY' : 'DATABASE_UNAVAILABLE',
        { seconds: DATABASE_RETRY_AFTER_SECONDS },
        new DatabaseUnavailable(trouble, result.error.cause),
      );
    }
  }
  return result;
});

/**
 * Enforces `meta.rateLimit` per procedure and client key (the address, IPv6
 * cut to its prefix: see client-key.ts). Calls without an address
 * (server-side callers, tests through `createCaller`) are not limited.
 */
const rateLimited = t.middleware(async ({ ctx, meta, path, next }) => {
  const limit = meta?.rateLimit;
  if (limit && ctx.clientKey) {
    const verdict = await ctx.rateLimiter.hit(path, ctx.clientKey, limit);
    if (!verdict.allowed) {
      throw new ClientError(
        'TOO_MANY_REQUESTS',
        'RATE_LIMITED',
        {
          path,
          max: limit.max,
          windowSeconds: limit.windowSeconds,
          seconds: verdict.retryAfterSeconds,
        },
        new RateLimitExceeded(path, verdict.retryAfterSeconds),
      );
    }
  }
  return next();
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A procedure anyone may call, signed in or not. */
export const publicProcedure = t.procedure
  .use(databaseErrors)
  .use(inRequestScope)
  .use(rateLimited)
  .use(providerErrors);

/**
 * Writes per signed-in account, counted in each instance's memory: one
 * session flooding `preferences.update` is refused without a database round
 * trip, and cannot slow everyone else's requests. Far above what a person
 * clicking does; with N instances an account may make up to N times this.
 */
export const ACCOUNT_WRITE_LIMIT: RateLimit = { max: 120, windowSeconds: 60 };

/** The sign-in check of `protectedProcedure`; procedures.ts recognises protected procedures by it. */
export const requireUser = t.middleware(async ({ ctx, type, next }) => {
  const user = await ctx.currentUser();
  if (!user) {
    throw new ClientError('UNAUTHORIZED', 'SIGN_IN_REQUIRED');
  }
  if (type === 'mutation') {
    const verdict = await ctx.rateLimiter.hit('account-writes', user.id, ACCOUNT_WRITE_LIMIT);
    if (!verdict.allowed) {
      throw new ClientError(
        'TOO_MANY_REQUESTS',
        'ACCOUNT_WRITES_LIMITED',
        {
          max: ACCOUNT_WRITE_LIMIT.max,
          windowSeconds: ACCOUNT_WRITE_LIMIT.windowSeconds,
          seconds: verdict.retryAfterSeconds,
        },
        new RateLimitExceeded(
          'account writes',
          verdict.retryAfterSeconds,
          'ACCOUNT_WRITES_LIMITED',
        ),
      );
    }
  }
  const db = signedInDatabases.get(ctx.signedInAccess);
  if (!db) throw new Error('context was not built by createTRPCContext');
  return next({ ctx: { user, db } });
});

/**
 * A procedure for signed-in users only: `ctx.user` is the user, and `ctx.db`
 * also reaches `places` and `preferences` — every query on them must be
 * scoped by `ctx.user.id`. Anonymous callers get UNAUTHORIZED.
 */
export const protectedProcedure = publicProcedure.use(requireUser);
