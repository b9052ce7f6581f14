import type { IncomingMessage, ServerResponse } from 'node:http';

import type { AnyRouter } from '@trpc/server';
import type { Request } from 'express';

import { listProcedures, type MadeFrom, type Services } from '@skycast/api';

import { keptAnswer, keptAnswerStore, type KeptAnswer } from './kept-answer.ts';
import { createAnswerKeys } from './public-answer-keys.ts';
import {
  acceptsInputOf,
  send,
  type AnswerMade,
  type CacheableProcedure,
  type PublicAnswersOptions,
} from './public-answers.ts';
import { readCookie } from './session-cookie.ts';

/**
 * Signed-in queries whose answer is kept per user: each must record in the
 * context's `madeFrom` every piece of kept user data it reads, and take the
 * rest only from weather entries (reported through the weather scope).
 */
export const SIGNED_IN_KEPT_PATHS: readonly string[] = ['places.overview'];

export interface SignedInAnswersOptions extends Pick<
  PublicAnswersOptions,
  'basePath' | 'policy' | 'logger' | 'clientKeyOf' | 'now'
> {
  /** The kept signed-in queries, by path. */
  procedures: ReadonlyMap<string, CacheableProcedure>;
  /** Sessions and places as this instance keeps them: an answer is served only while both still hold. */
  services: Pick<Services, 'accounts' | 'placesMemory' | 'rateLimiter'>;
  sessionCookieName: string;
  /** Upper bound on the bytes kept (bodies in every encoding). */
  maxBytes: number;
}

/** What tRPC made for a signed-in request, with the kept user data it was made from. */
export interface SignedInAnswerMade extends AnswerMade {
  madeFrom: MadeFrom;
  /** Epoch ms when the request's context was made: its summaries are of that minute or later. */
  startedAt: number;
}

export interface SignedInAnswers {
  /** Answers a signed-in request from memory, or calls `next` to hand it to Express. */
  serve(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  /** Keeps the answer tRPC is about to send for `req` when it may be kept; returns its ETag, or undefined. */
  remember(req: Request, answer: SignedInAnswerMade): string | undefined;
  /** Drops every answer made from an entry of `id` older than `storedAt`. */
  entryStored(id: string, storedAt: Date): void;
  readonly size: { answers: number; bytes: number };
}

interface KeptSignedInAnswer extends KeptAnswer {
  /** The very list of places `placesMemory` held when it was made: served only while it still does. */
  places: readonly object[];
}

/**
 * A signed-in user's `places.overview` kept as the bytes to send, validated
 * and serialised once per change instead of once per request. It is served
 * from memory only when this instance would answer the same from memory too:
 * the cookie's session is kept and valid here (not revoked, not due for
 * renewal: `accounts.keptUser`), its user is the one the answer was made for
 * (the key holds the user id), `placesMemory` still holds the very list the
 * answer was made from (any write on any instance drops that list, through
 * the same NOTIFY), and every weather entry behind it is still fresh, none
 * stored anew since, within the minute its summaries were made in. Anything
 * else goes to Express and tRPC, which answer and keep the new answer.
 *
 * @example
 * const answers = createSignedInAnswers({ basePath: '/trpc/', procedures, services, … });
 * answers.serve(req, res, () => expressApp(req, res));
 */
export function createSignedInAnswers(options: SignedInAnswersOptions): SignedInAnswers {
  const now = options.now ?? Date.now;
  const { accounts, placesMemory, rateLimiter } = options.services;
  const keys = createAnswerKeys({ ...options, signedIn: true });
  const staticHeaders = options.policy.headers.flat();
  const store = keptAnswerStore<KeptSignedInAnswer>(options.maxBytes);
  const { answers } = store;

  /** The kept answer's key for a request whose session this instance holds: user and input. */
  function keyOf(req: IncomingMessage, url: string): string | undefined {
    const key = keys.keyOf(req.method, req.headers, url);
    if (key === undefined) return undefined;
    const user = accounts.keptUser(readCookie(req.headers.cookie, options.sessionCookieName));
    return user && `${user.id}\n${key}`;
  }

  function serve(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const key = placesMemory && keyOf(req, req.url ?? '');
    const answer = key === undefined ? undefined : answers.get(key);
    if (!key || !answer) return next();
    const userId = key.slice(0, key.indexOf('\n'));
    if (answer.validUntil <= now() || placesMemory?.get(userId) !== answer.places) {
      answers.delete(key);
      return next();
    }
    const limit = options.procedures.get(answer.procedure)?.rateLimit;
    // The client's address is worked out only for a procedure that has a limit to count.
    const client = limit && options.clientKeyOf(options.policy.clientIp(req));
    if (!limit || !client) return send(options, staticHeaders, req, res, answer);
    rateLimiter.hit(answer.procedure, client, limit).then(
      (verdict) => (verdict.allowed ? send(options, staticHeaders, req, res, answer) : next()),
      () => next(),
    );
  }

  return {
    serve,

    remember(req, made) {
      const places = made.madeFrom.places;
      const validUntil = keptUntil(made, now());
      if (!places || validUntil === undefined || !options.procedures.has(made.procedure)) {
        return undefined;
      }
      const requestKey = keys.keyOf(req.method, req.headers, req.originalUrl);
      // Kept under the user the answer was made for, whatever the cookie says now.
      if (requestKey === undefined) return undefined;
      const key = `${places.userId}\n${requestKey}`;
      const kept = { ...keptAnswer(made, validUntil, now()), places: places.value };
      store.set(key, kept);
      return kept.etag;
    },

    entryStored: store.entryStored,

    get size() {
      return { answers: answers.size, bytes: answers.calculatedSize };
    },
  };
}

/**
 * Until when a signed-in answer may be kept, or undefined when it may not:
 * not a whole, fresh, successful answer. Its summaries follow the clock by
 * the minute, so it lasts to the end of the minute its request started in at
 * most, and to the first of its weather entries to stop being fresh. A list
 * with no places has no entries: it lasts to the end of the minute.
 */
function keptUntil(made: SignedInAnswerMade, now: number): number | undefined {
  if (made.missed.length > 0 || made.served.some((entry) => entry.stale)) return undefined;
  const endOfMinute = (Math.floor(made.startedAt / 60_000) + 1) * 60_000;
  const validUntil = Math.min(
    endOfMinute,
    ...made.served.map((entry) => entry.freshUntil.getTime()),
  );
  return validUntil > now ? validUntil : undefined;
}

/** The signed-in queries kept per user, checked against the router: protected queries only. */
export function signedInKeptProcedures(router: AnyRouter): Map<string, CacheableProcedure> {
  const found = new Map<string, CacheableProcedure>();
  for (const { path, type, meta, inputs, protected: isProtected } of listProcedures(router)) {
    if (!SIGNED_IN_KEPT_PATHS.includes(path)) continue;
    if (type !== 'query' || !isProtected) {
      throw new Error(`${path} is kept per user, so it must be a protected query`);
    }
    found.set(path, {
      cacheSeconds: 0,
      rateLimit: meta.rateLimit,
      accepts: acceptsInputOf(inputs),
    });
  }
  return found;
}
