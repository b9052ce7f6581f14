import { readFileSync, statSync } from 'node:fs';

import type { IncomingMessage, ServerResponse } from 'node:http';

import { LRUCache } from 'lru-cache';

import type { Logger } from '@skycast/api';
import { parsePlacePath } from '@skycast/validators';

import type { AnswerPolicy } from './answer-policy.ts';
import { encodedBody, encodingFor, matchesEtag } from './kept-answer.ts';
import { LOGGED_URL_CHARS } from './logger.ts';
import { pageHtml } from './page-html.ts';
import { PAGE_FORECAST_PROCEDURE, type PageForecast } from './page-forecast.ts';
import type { PublicAnswers } from './public-answers.ts';

/** The query a place page asks first, with the input the web app gives it (`forecast-query.ts`). */
const FORECAST_PROCEDURE = PAGE_FORECAST_PROCEDURE;

/**
 * Like the shell it is made from: asked again on every visit (a release
 * changes the scripts it names), answered 304 while nothing changed.
 */
const CACHE_CONTROL = 'public, no-cache';

export interface PlacePagesOptions {
  /** The web app's `index.html`: read again when a release changes it, as Express's static files are. */
  shellFile: string;
  /** Where the forecast answers are kept. */
  publicAnswers: Pick<PublicAnswers, 'kept'>;
  /** Upper bound on the bytes of pages kept (every encoding). */
  maxBytes: number;
  /**
   * Asks for a place's forecast when it is not kept (`page-forecast.ts`); unset:
   * such a page goes out at once without it.
   */
  forecast?: PageForecast;
  /** How long a page waits for that forecast before it goes out without it (PLACE_PAGE_WAIT_MS). */
  waitMs?: number;
  /** The headers, request id and draining every answer follows (as the kept answers do). */
  policy: AnswerPolicy;
  logger: Logger;
  now?: () => number;
}

interface Page {
  /** The ETag of the forecast answer it embeds: a new answer makes a new page. */
  answerEtag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

export interface PlacePages {
  /**
   * Answers `GET /place/…` with the place's forecast inside: from memory when
   * it is kept, else once the server has it (waiting at most `waitMs`); calls
   * `next` (the plain shell) when it has none.
   */
  serve(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  readonly size: { pages: number; bytes: number };
}

/**
 * A place's page with its forecast inside: the app shell plus the kept public
 * answer of `weather.forecast` for the place, so the web app shows the
 * temperature without asking again, and (on the place's own page, not a
 * day's) the first screen written from that answer into the app's root
 * (`first-view.ts`), which the browser paints before any app script runs. It is itself a kept answer of the hot
 * path: made only from an answer already in memory (no resolver, no database
 * round trip), never personal (no cookie or session read; the same bytes for
 * everyone at that place), compressed once, bounded in bytes, and remade when
 * the forecast answer it embeds changes. When the forecast is not kept, the
 * server asks for it as the app would (`page-forecast.ts`) and waits a
 * moment (`waitMs`, by default 500 ms): a place's first visit then also shows
 * its temperature before the app's scripts run. When the answer does not come
 * in time, or cannot be kept, the plain shell goes out (through Express) and
 * the app asks for it (its early request joins the provider call under way).
 *
 * @example
 * const pages = createPlacePages({ shellHtml, publicAnswers, maxBytes, … });
 * createServer((req, res) => pages.serve(req, res, () => expressApp(req, res)));
 */
export function createPlacePages(options: PlacePagesOptions): PlacePages {
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  const now = options.now ?? Date.now;
  // Keyed by the place's canonical coordinates (and whether a day's page): the name in the
  // URL changes nothing here (the browser writes it into the first view).
  const pages = new LRUCache<string, Page>({
    maxSize: options.maxBytes,
    sizeCalculation: (page, key) =>
      key.length + page.identity.length + page.gzip.length + page.br.length + 256,
  });
  const currentShell = shellOnDisk(options.shellFile, () => pages.clear());

  function pageFor(
    key: string,
    input: { latitude: number; longitude: number },
    { withFirstView }: { withFirstView: boolean },
  ) {
    const answer = options.publicAnswers.kept(FORECAST_PROCEDURE, input);
    if (!answer) return undefined;
    // First: a new release's shell drops every page made from the old one.
    if (currentShell() === undefined) return undefined;
    const kept = pages.get(key);
    if (kept?.answerEtag === answer.etag) return kept;
    const identity = pageWith(input, {
      response: answer.identity.toString('utf8'),
      madeAt: answer.madeAt,
      firstViewUntil: withFirstView ? answer.validUntil : undefined,
    });
    if (!identity) return undefined;
    const page: Page = { answerEtag: answer.etag, ...encodedBody(identity) };
    pages.set(key, page);
    return page;
  }

  /** The shell as it is now with `made` inside (`page-html.ts`); undefined when there is no shell. */
  function pageWith(
    input: { latitude: number; longitude: number },
    made: { response: string; madeAt: number; firstViewUntil: number | undefined },
  ): Buffer | undefined {
    const html = currentShell();
    return html === undefined ? undefined : Buffer.from(pageHtml(html, input, made));
  }

  return {
    serve(req, res, next) {
      const route = req.method === 'GET' ? parsePlacePath(pathOf(req.url ?? '')) : undefined;
      if (!route) return next();
      // The same input the web app's forecast query sends for this path.
      const input = { latitude: route.latitude, longitude: route.longitude };
      // A day's page shows that day first, not the weather now: it gets the data alone.
      const place = () =>
        route.day
          ? pageFor(`${input.latitude},${input.longitude}/day`, input, { withFirstView: false })
          : pageFor(`${input.latitude},${input.longitude}`, input, { withFirstView: true });
      const started = now();
      const page = place();
      if (page) {
        send(options, req, res, page, { started, fromMemory: true });
        return;
      }
      if (!options.forecast || !waitMs || options.policy.closing()) return next();
      void withinMs(options.forecast(req, input), waitMs).then((made) => {
        // Made once the forecast came: the log says it did not come from memory alone.
        const sent = { started, fromMemory: false };
        const kept = place();
        if (kept) return send(options, req, res, kept, sent);
        // An answer that may not be kept (stale: the provider failed and a stored copy
        // stood in) is still this visitor's answer now: carried once, with no first
        // view (the app says how old it is), so the app need not ask the provider again.
        const identity = made && pageWith(input, { ...made, firstViewUntil: undefined });
        if (identity) send(options, req, res, { answerEtag: '', ...encodedBody(identity) }, sent);
        else next();
      });
    },

    get size() {
      return { pages: pages.size, bytes: pages.calculatedSize };
    },
  };
}

/**
 * The shell as it is on disk: read again when a release changes it (one stat
 * per page, like a static file's), calling `onRelease` then; undefined when
 * there is none.
 */
function shellOnDisk(shellFile: string, onRelease: () => void): () => string | undefined {
  let shell: { version: string; html: string } | undefined;
  return () => {
    const stats = statSync(shellFile, { throwIfNoEntry: false });
    if (!stats) return undefined;
    const version = `${stats.mtimeMs}:${stats.size}`;
    if (shell?.version !== version) {
      shell = { version, html: readFileSync(shellFile, 'utf8') };
      onRelease();
    }
    return shell.html;
  };
}

/** A URL's path, without its query. */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * How long a page waits for its forecast unless told (env.ts's PLACE_PAGE_WAIT_MS
 * default): a wait that runs out costs its length, one that does not saves the
 * app's scripts and a round trip before the temperature (half a second on a
 * desktop, more on a phone; docs/benchmarks.md).
 */
export const DEFAULT_WAIT_MS = 500;

/** What `promise` gives if it settles within `ms`, else undefined; never rejects. */
function withinMs<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

/** Sends a page as the kept answers are sent: the policy's headers, 304 on its ETag, one log line. */
function send(
  options: PlacePagesOptions,
  req: IncomingMessage,
  res: ServerResponse,
  page: Page,
  { started, fromMemory }: { started: number; fromMemory: boolean },
): void {
  const now = options.now ?? Date.now;
  const staticHeaders = options.policy.headers.flat();
  const id = options.policy.requestId(req);
  const notModified = matchesEtag(req.headers['if-none-match'], page.etag);
  const encoding = notModified ? undefined : encodingFor(req.headers['accept-encoding']);
  const body = encoding ? page[encoding] : page.identity;
  const headers = [
    ...staticHeaders,
    'x-request-id',
    id,
    'cache-control',
    CACHE_CONTROL,
    'etag',
    page.etag,
    'vary',
    'accept-encoding',
  ];
  if (options.policy.closing()) headers.push('connection', 'close');
  if (notModified) {
    res.writeHead(304, headers).end();
  } else {
    headers.push('content-type', 'text/html; charset=utf-8', 'content-length', String(body.length));
    if (encoding) headers.push('content-encoding', encoding);
    res.writeHead(200, headers).end(body);
  }
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
