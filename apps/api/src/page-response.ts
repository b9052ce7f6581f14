import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  constants,
  createBrotliCompress,
  createGzip,
  type Gzip,
  type BrotliCompress,
} from 'node:zlib';

import type { Logger } from '@skycast/api';

import type { AnswerPolicy } from './answer-policy.ts';
import { encodingFor, sendEncodedBody, type EncodedBody } from './kept-answer.ts';
import { LOGGED_URL_CHARS } from './logger.ts';

/**
 * Like the shell it is made from: asked again on every visit (a release
 * changes the scripts it names), answered 304 while nothing changed.
 */
const CACHE_CONTROL = 'public, no-cache';

/** What sending a page needs: the answer policy, the log, a clock. */
export interface PageResponseOptions {
  policy: AnswerPolicy;
  logger: Logger;
  now?: () => number;
}

/** When the request came, and whether the page was sent from memory alone (the log says so). */
interface Sent {
  started: number;
  fromMemory: boolean;
}

/**
 * Sends a page made once as the kept answers are sent: the policy's headers,
 * 304 on its ETag, the encoding the client takes, one log line.
 *
 * @example
 * sendPage(options, req, res, page, { started, fromMemory: true });
 */
export function sendPage(
  options: PageResponseOptions,
  req: IncomingMessage,
  res: ServerResponse,
  page: EncodedBody,
  sent: Sent,
): void {
  const { id, headers } = pageHeaders(options, req);
  headers.push('etag', page.etag);
  sendEncodedBody(req, res, page, headers, 'text/html; charset=utf-8');
  logSent(options, req, res, id, sent);
}

/**
 * Sends a page in two parts: `head` at once (the browser fetches the styles
 * and scripts it names meanwhile), the rest when `rest` settles; compressed
 * as a stream, flushed after the head. No ETag: it is made for this request.
 *
 * @example
 * streamPage(options, req, res, shell.slice(0, at), restOfPage, { started, fromMemory: false });
 */
export function streamPage(
  options: PageResponseOptions,
  req: IncomingMessage,
  res: ServerResponse,
  parts: { head: string; rest: Promise<string> },
  sent: Sent,
): void {
  const { id, headers } = pageHeaders(options, req);
  const encoding = encodingFor(req.headers['accept-encoding']);
  headers.push('content-type', 'text/html; charset=utf-8');
  if (encoding) headers.push('content-encoding', encoding);
  res.writeHead(200, headers);
  const compressor = encoding ? compressorFor(encoding) : undefined;
  if (compressor) {
    compressor.pipe(res);
    // A client gone meanwhile: the stream goes with it, and nothing more is written.
    res.on('close', () => compressor.destroy());
    compressor.on('error', () => res.destroy());
    compressor.write(parts.head);
    compressor.flush(encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH);
  } else {
    res.write(parts.head);
  }
  void parts.rest.then((rest) => {
    (compressor ?? res).end(rest);
    logSent(options, req, res, id, sent);
  });
}

/** Quick levels: the page is compressed while the visitor waits, once. */
function compressorFor(encoding: 'br' | 'gzip'): Gzip | BrotliCompress {
  return encoding === 'br'
    ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : createGzip({ level: 6 });
}

function pageHeaders(options: PageResponseOptions, req: IncomingMessage) {
  const id = options.policy.requestId(req);
  const headers = [
    ...options.policy.headers.flat(),
    'x-request-id',
    id,
    'cache-control',
    CACHE_CONTROL,
    'vary',
    'accept-encoding',
  ];
  if (options.policy.closing()) headers.push('connection', 'close');
  return { id, headers };
}

function logSent(
  options: PageResponseOptions,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  { started, fromMemory }: Sent,
): void {
  const now = options.now ?? Date.now;
  options.logger.info(
    {
      req: { id, method: req.method, url: req.url?.slice(0, LOGGED_URL_CHARS) },
      res: { statusCode: res.statusCode },
      responseTime: now() - started,
      fromMemory,
    },
    'request completed',
  );
}
