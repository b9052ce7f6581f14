import type { IncomingMessage } from 'node:http';

import {
  appRouter,
  createCallerFactory,
  createTRPCContext,
  type Logger,
  type Services,
} from '@skycast/api';

import type { AnswerPolicy } from './answer-policy.ts';
import type { CacheableProcedure, PublicAnswers } from './public-answers.ts';

/** The procedure a place's page embeds; its input is the place's coordinates. */
export const PAGE_FORECAST_PROCEDURE = 'weather.forecast';

export interface PageForecastOptions {
  services: Services;
  policy: Pick<AnswerPolicy, 'requestId' | 'clientIp'>;
  /** Where the answer is kept, as the hot path keeps the app's own request. */
  publicAnswers: Pick<PublicAnswers, 'keep'>;
  /** The public queries the hot path may keep (`cacheableProcedures`): the forecast's cache time. */
  procedures: ReadonlyMap<string, CacheableProcedure>;
  logger: Logger;
}

/** A forecast answer made for a page: the body as tRPC would send it, and when it was made. */
export interface PageAnswer {
  response: string;
  madeAt: number;
}

/**
 * Asks for a place's forecast for its page; settles once the answer is made
 * (and kept, when it may be), or with undefined when none could be made.
 */
export type PageForecast = (
  req: IncomingMessage,
  input: { latitude: number; longitude: number },
) => Promise<PageAnswer | undefined>;

const createCaller = createCallerFactory(appRouter);

/**
 * A place's forecast asked for by the server itself, for the page of a place
 * whose forecast is not kept yet: the very query the web app would send next
 * (`weather.forecast`, no cookie), run through the router as that visitor
 * (the same rate limits, new-place budget, provider coalescing and output
 * check), and kept as the hot path keeps the app's own request, so the page
 * can carry it (`place-pages.ts`) and the app need not ask. An answer that may
 * not be kept (a stale stored copy standing in for a failing provider) is
 * still given, for this one page. A refusal or failure gives nothing: the
 * page then goes out without it, and the app asks and shows the error in its
 * own words.
 *
 * @example
 * const forecast = pageForecast({ services, policy, publicAnswers, procedures, logger });
 * await forecast(req, { latitude: 47.37, longitude: 8.54 });
 */
export function pageForecast(options: PageForecastOptions): PageForecast {
  const cacheSeconds = options.procedures.get(PAGE_FORECAST_PROCEDURE)?.cacheSeconds ?? 0;
  return async (req, input) => {
    if (cacheSeconds <= 0) return undefined;
    const ctx = createTRPCContext({
      services: options.services,
      logger: options.logger,
      requestId: options.policy.requestId(req),
      clientIp: options.policy.clientIp(req),
    });
    try {
      const data = await createCaller(ctx).weather.forecast(input);
      const body = { result: { data } };
      options.publicAnswers.keep(input, {
        procedure: PAGE_FORECAST_PROCEDURE,
        body,
        cacheControl: `public, max-age=${cacheSeconds}`,
        served: ctx.weatherScope.served,
        missed: ctx.weatherScope.missed,
      });
      return { response: JSON.stringify(body), madeAt: Date.now() };
    } catch (error) {
      // The app's own request meets the same trouble and reports it (trpc-mount.ts).
      options.logger.debug({ err: error, input }, 'page forecast not made');
      return undefined;
    }
  };
}
