import { readFileSync, statSync } from 'node:fs';

import type { IncomingMessage, ServerResponse } from 'node:http';

import { LRUCache } from 'lru-cache';

import type { Logger } from '@skycast/api';
import { parsePlacePath } from '@skycast/validators';

import type { AnswerPolicy } from './answer-policy.ts';
import { encodedBody, type EncodedBody, type KeptAnswer } from './kept-answer.ts';
import { PAGE_FORECAST_PROCEDURE, type PageAnswer, type PageForecast } from './page-forecast.ts';
import { pageHtml, ROOT } from './page-html.ts';
import { sendPage, streamPage } from './page-response.ts';
import type { PublicAnswers } from './public-answers.ts';

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

interface Page extends EncodedBody {
  /** The ETag of the forecast answer it embeds: a new answer makes a new page. */
  answerEtag: string;
}

export interface PlacePages {
  /**
   * Answers `GET /place/…` with the place's forecast inside: from memory when
   * it is kept, else its head at once and the rest once the server has it
   * (waiting at most `waitMs`); calls `next` (the plain shell, from Express)
   * when it may not wait.
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
 * server asks for it as the app would (`page-forecast.ts`), sends the page's
 * head at once (its styles and scripts load meanwhile) and the rest when the
 * answer is in, waiting at most `waitMs` (by default 500 ms): a place's first
 * visit then also shows its temperature before the app's scripts run. When the
 * answer does not come in time, or cannot be made, the rest is the plain
 * shell's, and the app asks for it (its early request joins the provider call
 * under way).
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
    const answer = options.publicAnswers.kept(PAGE_FORECAST_PROCEDURE, input);
    if (!answer) return undefined;
    // First: a new release's shell drops every page made from the old one.
    const html = currentShell();
    if (html === undefined) return undefined;
    const kept = pages.get(key);
    if (kept?.answerEtag === answer.etag) return kept;
    const identity = pageHtml(html, input, {
      response: answer.identity.toString('utf8'),
      madeAt: answer.madeAt,
      firstViewUntil: withFirstView ? answer.validUntil : undefined,
    });
    const page: Page = { answerEtag: answer.etag, ...encodedBody(Buffer.from(identity)) };
    pages.set(key, page);
    return page;
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
        sendPage(options, req, res, page, { started, fromMemory: true });
        return;
      }
      const html = currentShell();
      const root = html?.indexOf(ROOT) ?? -1;
      if (!options.forecast || !waitMs || options.policy.closing() || !html || root === -1) {
        return next();
      }
      // Not kept yet: the page's head goes at once, the rest once the forecast is in
      // (or the wait is over). The kept page is made on the next visit, not here.
      const rest = withinMs(options.forecast(req, input), waitMs).then((made) => {
        const kept = options.publicAnswers.kept(PAGE_FORECAST_PROCEDURE, input);
        const page = carrying(html, input, { kept, made, withFirstView: !route.day });
        return page.slice(root);
      });
      streamPage(
        options,
        req,
        res,
        { head: html.slice(0, root), rest },
        { started, fromMemory: false },
      );
    },

    get size() {
      return { pages: pages.size, bytes: pages.calculatedSize };
    },
  };
}

/**
 * The shell with the forecast a first visit waited for: the kept answer (with
 * the first view, unless a day's page), else the answer made for this visit
 * that may not be kept (stale: the provider failed and a stored copy stood in),
 * which is still this visitor's answer now: carried without the first view (the
 * app says how old it is), so the app need not ask the provider again; else
 * the plain shell.
 */
function carrying(
  html: string,
  input: { latitude: number; longitude: number },
  found: { kept: KeptAnswer | undefined; made: PageAnswer | undefined; withFirstView: boolean },
): string {
  const { kept, made, withFirstView } = found;
  if (kept) {
    return pageHtml(html, input, {
      response: kept.identity.toString('utf8'),
      madeAt: kept.madeAt,
      firstViewUntil: withFirstView ? kept.validUntil : undefined,
    });
  }
  return made ? pageHtml(html, input, { ...made, firstViewUntil: undefined }) : html;
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
 * default is the same, written there: env.ts is read before tracing starts and
 * imports nothing of the app's): a wait that runs out costs its length, one that does not saves the
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
