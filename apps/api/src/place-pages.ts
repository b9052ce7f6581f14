import { readFileSync, statSync } from 'node:fs';

import type { IncomingMessage, ServerResponse } from 'node:http';

import { LRUCache } from 'lru-cache';

import type { Logger } from '@skycast/api';
import { parsePlacePath } from '@skycast/validators';

import type { AnswerPolicy } from './answer-policy.ts';
import { firstViewHtml } from './first-view.ts';
import { encodedBody, encodingFor, matchesEtag } from './kept-answer.ts';
import { LOGGED_URL_CHARS } from './logger.ts';
import type { PublicAnswers } from './public-answers.ts';

/** The id of the data block a place's page carries; the web app reads it (`kept-answers.ts`). */
export const KEPT_ANSWERS_ELEMENT_ID = 'skycast-kept-answers';

/** The query a place page asks first, with the input the web app gives it (`forecast-query.ts`). */
const FORECAST_PROCEDURE = 'weather.forecast';

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
  /** Answers `GET /place/…` from memory when the place's forecast is kept, else calls `next`. */
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
 * plain shell goes out (through Express) and the app asks for it.
 *
 * @example
 * const pages = createPlacePages({ shellHtml, publicAnswers, maxBytes, … });
 * createServer((req, res) => pages.serve(req, res, () => expressApp(req, res)));
 */
export function createPlacePages(options: PlacePagesOptions): PlacePages {
  let shell: { version: string; html: string } | undefined;
  // Keyed by the place's canonical coordinates (and whether a day's page): the name in the
  // URL changes nothing here (the browser writes it into the first view).
  const pages = new LRUCache<string, Page>({
    maxSize: options.maxBytes,
    sizeCalculation: (page, key) =>
      key.length + page.identity.length + page.gzip.length + page.br.length + 256,
  });

  /** The shell as it is on disk now; one stat per page, like a static file's. */
  function currentShell() {
    const stats = statSync(options.shellFile, { throwIfNoEntry: false });
    if (!stats) return undefined;
    const version = `${stats.mtimeMs}:${stats.size}`;
    if (shell?.version !== version) {
      shell = { version, html: readFileSync(options.shellFile, 'utf8') };
      pages.clear();
    }
    return shell;
  }

  function pageFor(
    key: string,
    input: { latitude: number; longitude: number },
    { withFirstView }: { withFirstView: boolean },
  ) {
    const answer = options.publicAnswers.kept(FORECAST_PROCEDURE, input);
    if (!answer) return undefined;
    const html = currentShell()?.html;
    if (html === undefined) return undefined;
    const kept = pages.get(key);
    if (kept?.answerEtag === answer.etag) return kept;
    const response = answer.identity.toString('utf8');
    const data = `{"answers":[{"procedure":${JSON.stringify(FORECAST_PROCEDURE)},"input":${JSON.stringify(input)},"madeAt":${answer.madeAt},"response":${response}}]}`;
    const firstView = withFirstView
      ? firstViewHtml(input, forecastIn(response), answer.validUntil)
      : undefined;
    const identity = Buffer.from(
      withDataBlock(
        firstView === undefined ? html : intoRoot(html, firstView),
        `<script type="application/json" id="${KEPT_ANSWERS_ELEMENT_ID}">${escapeForScript(data)}</script>`,
      ),
    );
    const page: Page = { answerEtag: answer.etag, ...encodedBody(identity) };
    pages.set(key, page);
    return page;
  }

  return {
    serve(req, res, next) {
      if (req.method !== 'GET') return next();
      const url = req.url ?? '';
      const query = url.indexOf('?');
      const route = parsePlacePath(query === -1 ? url : url.slice(0, query));
      if (!route) return next();
      // The same input the web app's forecast query sends for this path.
      const input = { latitude: route.latitude, longitude: route.longitude };
      // A day's page shows that day first, not the weather now: it gets the data alone.
      const page = route.day
        ? pageFor(`${input.latitude},${input.longitude}/day`, input, { withFirstView: false })
        : pageFor(`${input.latitude},${input.longitude}`, input, { withFirstView: true });
      if (!page) return next();
      send(options, req, res, page);
    },

    get size() {
      return { pages: pages.size, bytes: pages.calculatedSize };
    },
  };
}

/** Sends a page as the kept answers are sent: the policy's headers, 304 on its ETag, one log line. */
function send(
  options: PlacePagesOptions,
  req: IncomingMessage,
  res: ServerResponse,
  page: Page,
): void {
  const now = options.now ?? Date.now;
  const staticHeaders = options.policy.headers.flat();
  const started = now();
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
      fromMemory: true,
    },
    'request completed',
  );
}

/** The data block goes last in the body: it is read once the app's module runs. */
function withDataBlock(html: string, block: string): string {
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + block : html.slice(0, at) + block + html.slice(at);
}

/** The app's empty root, which React fills (and so replaces what the server wrote there). */
const EMPTY_ROOT = '<div id="root"></div>';

/** The first view inside the app's root; a shell without an empty root is left as it is. */
function intoRoot(html: string, firstView: string): string {
  const at = html.indexOf(EMPTY_ROOT);
  if (at === -1) return html;
  const inside = at + EMPTY_ROOT.length - '</div>'.length;
  return html.slice(0, inside) + firstView + html.slice(inside);
}

/** The forecast in a kept `weather.forecast` answer (tRPC's `{ result: { data } }`). */
function forecastIn(response: string): unknown {
  try {
    return (JSON.parse(response) as { result?: { data?: unknown } } | null)?.result?.data;
  } catch {
    return undefined;
  }
}

/**
 * JSON made safe inside `<script type="application/json">`: no `<` at all (so
 * no `</script>` or `<!--` from a provider's string can end the block), and no
 * line separators that older parsers take for the end of a line. Each escape is
 * the same string to `JSON.parse`.
 *
 * @example
 * escapeForScript('{"name":"</script>"}') // '{"name":"\\u003c/script>"}'
 */
export function escapeForScript(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
