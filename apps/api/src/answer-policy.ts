import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { RequestHandler } from 'express';
import proxyAddr from 'proxy-addr';

import { securityHeaders, type Header } from './security-headers.ts';

/**
 * What every answer follows, whichever pipeline sends it — Express, or the
 * public answers sent from memory before Express: the same headers, the same
 * request id, the same client address (so a rate limit counts one client
 * under one key on both), and a closed connection while draining. Both
 * pipelines take it from here, so code keeps them equal rather than care.
 */
export interface AnswerPolicy {
  /** The security headers every answer carries. */
  readonly headers: readonly Header[];
  /** Express's `trust proxy` setting that gives `req.ip` the same answer as `clientIp`. */
  readonly trustProxy: number | false;
  /** The caller's `X-Request-Id` when it looks like one, else a new id. */
  requestId(req: IncomingMessage): string;
  /** The address the nearest untrusted hop saw: extra X-Forwarded-For entries a client adds are ignored. */
  clientIp(req: IncomingMessage): string | undefined;
  /** True while the server drains for shutdown: every answer then closes its connection. */
  closing(): boolean;
}

export interface AnswerPolicyOptions {
  /** Where users reach the app: an `https:` origin adds HSTS and `upgrade-insecure-requests`. */
  publicOrigin: string;
  /** Reverse proxies in front of the app (TRUST_PROXY); 0 ignores X-Forwarded-For. */
  trustProxy: number;
  draining: () => boolean;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * @example
 * const policy = createAnswerPolicy({ publicOrigin, trustProxy: 1, draining: () => readiness.draining });
 * app.set('trust proxy', policy.trustProxy);
 * app.use(answerPolicyHeaders(policy));
 */
export function createAnswerPolicy(options: AnswerPolicyOptions): AnswerPolicy {
  const hops = options.trustProxy > 0 ? options.trustProxy : 0;
  return {
    headers: securityHeaders({ https: options.publicOrigin.startsWith('https:') }),
    trustProxy: hops || false,
    requestId(req) {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    clientIp: (req) => proxyAddr(req, (_address, hop) => hop < hops),
    closing: options.draining,
  };
}

/** The policy's headers on every answer Express sends. */
export function answerPolicyHeaders(policy: AnswerPolicy): RequestHandler {
  return (_req, res, next) => {
    // Keep-alive clients then open their next connection to an instance that stays.
    if (policy.closing()) res.setHeader('connection', 'close');
    for (const [name, value] of policy.headers) res.setHeader(name, value);
    next();
  };
}
