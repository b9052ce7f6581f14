import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

import { LRUCache } from 'lru-cache';

import type { ServedEntry } from '@skycast/api';

import { PER_ENTRY_BYTES } from './public-answer-keys.ts';

/** A public answer kept as the bytes to send, in every encoding. */
export interface KeptAnswer {
  procedure: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  cacheControl: string;
  /** Epoch ms: the earliest `freshUntil` of the entries it was made from. */
  validUntil: number;
  /** Epoch ms: when it was made (what a page seeded with it gives its query as `updatedAt`). */
  madeAt: number;
  entries: readonly { id: string; fetchedAt: number }[];
}

/**
 * Kept answers bounded in bytes (least recently used leave first), indexed by
 * the weather entries each was made from, so an entry stored anew drops every
 * answer made from an older copy of it. The public and the signed-in answers
 * both keep theirs here.
 *
 * @example
 * const store = keptAnswerStore<KeptAnswer>(64 * 1024 * 1024);
 * store.set(key, keptAnswer(made, validUntil, Date.now()));
 */
export function keptAnswerStore<T extends KeptAnswer>(maxBytes: number) {
  const byEntry = new Map<string, Set<string>>();
  const answers = new LRUCache<string, T>({
    maxSize: maxBytes,
    sizeCalculation: (answer, key) =>
      key.length + answer.identity.length + answer.gzip.length + answer.br.length + 512,
    dispose: (answer, key) => {
      for (const { id } of answer.entries) {
        const keys = byEntry.get(id);
        keys?.delete(key);
        if (keys?.size === 0) byEntry.delete(id);
      }
    },
  });
  return {
    answers,
    set: (key: string, answer: T) => {
      answers.set(key, answer);
      for (const { id } of answer.entries) byEntry.set(id, (byEntry.get(id) ?? new Set()).add(key));
    },
    /** Drops the answers made from a copy of entry `id` older than `storedAt`. */
    entryStored: (id: string, storedAt: Date) => {
      for (const key of [...(byEntry.get(id) ?? [])]) {
        const made = answers.peek(key)?.entries.find((entry) => entry.id === id);
        if (made && made.fetchedAt < storedAt.getTime()) answers.delete(key);
      }
    },
  };
}

/** Responses below this size are sent as they are: compression would not pay. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * The bytes of an answer tRPC made, compressed once (gzip and br at level 9)
 * when large enough to pay, with its ETag.
 *
 * @example
 * const kept = keptAnswer({ procedure: 'weather.forecast', body, cacheControl, served }, validUntil, Date.now());
 */
export function keptAnswer(
  made: { procedure: string; body: unknown; cacheControl: string; served: readonly ServedEntry[] },
  validUntil: number,
  madeAt: number,
): KeptAnswer {
  const identity = Buffer.from(JSON.stringify(made.body));
  return {
    procedure: made.procedure,
    ...encodedBody(identity, identity.length >= COMPRESS_FROM_BYTES),
    cacheControl: made.cacheControl,
    validUntil,
    madeAt,
    entries: made.served.map((entry) => ({ id: entry.id, fetchedAt: entry.fetchedAt.getTime() })),
  };
}

/**
 * A body in each encoding it may be sent in, compressed once (gzip and br at
 * level 9) unless `compress` is false, with its ETag: what every kept answer
 * and kept page sends.
 */
export function encodedBody(identity: Buffer, compress = true) {
  return {
    identity,
    gzip: compress ? gzipSync(identity, { level: 9 }) : identity,
    br: compress
      ? brotliCompressSync(identity, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: 9,
            [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length,
          },
        })
      : identity,
    etag: `W/"${createHash('sha256').update(identity).digest('base64url').slice(0, 32)}"`,
  };
}

/** A body in each encoding it may be sent in, with its ETag (`encodedBody`). */
export type EncodedBody = Pick<KeptAnswer, 'identity' | 'gzip' | 'br' | 'etag'>;

/**
 * Answers `req` with `answer` in one `writeHead`: 304 with `headers` alone when
 * its `If-None-Match` holds the ETag, else 200 with the body in the best
 * encoding its `Accept-Encoding` takes, its type, length and encoding added.
 *
 * @example
 * sendEncodedBody(req, res, answer, ['etag', answer.etag], 'application/json');
 */
export function sendEncodedBody(
  req: IncomingMessage,
  res: ServerResponse,
  answer: EncodedBody,
  headers: string[],
  contentType: string,
): void {
  if (matchesEtag(req.headers['if-none-match'], answer.etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  const encoding =
    answer.identity.length < COMPRESS_FROM_BYTES
      ? undefined
      : encodingFor(req.headers['accept-encoding']);
  const body = encoding ? answer[encoding] : answer.identity;
  headers.push('content-type', contentType, 'content-length', String(body.length));
  if (encoding) headers.push('content-encoding', encoding);
  res.writeHead(200, headers).end(body);
}

// Headers a client sends are its own to vary: a few KiB of memos, whatever they hold.
const encodingsOfHeaders = new LRUCache<string, 'br' | 'gzip' | 'identity'>({
  maxSize: 64 * 1024,
  maxEntrySize: 1024,
  sizeCalculation: (_encoding, header) => header.length + PER_ENTRY_BYTES,
});

/** br or gzip when `Accept-Encoding` takes it (q > 0), br first; undefined for identity. */
export function encodingFor(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  let chosen = encodingsOfHeaders.get(header);
  if (chosen === undefined) {
    const accepted = new Map<string, number>();
    for (const part of header.split(',')) {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      accepted.set(name.trim(), q === undefined ? 1 : Number(q));
    }
    const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
    chosen = takes('br') ? 'br' : takes('gzip') ? 'gzip' : 'identity';
    encodingsOfHeaders.set(header, chosen);
  }
  return chosen === 'identity' ? undefined : chosen;
}

/** True when `If-None-Match` names `etag` (weak comparison) or is `*`. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}
