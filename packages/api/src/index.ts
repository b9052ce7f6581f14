import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from './root.ts';

export { appRouter, type AppRouter } from './root.ts';
export {
  createCallerFactory,
  createTRPCContext,
  type Context,
  type CreateContextOptions,
  type MadeFrom,
  type ProcedureMeta,
  type SessionCookie,
} from './trpc.ts';
export {
  SESSION_IDLE_MS,
  SESSION_MAX_AGE_MS,
  SESSION_RENEW_WITHIN_MS,
  RESET_LINK_LIFETIME_MS,
  type AccountsService,
  type SessionUser,
} from './accounts/accounts-service.ts';
export { DEFAULT_THROTTLE_RULES, type ThrottleRules } from './accounts/login-throttle.ts';
export { createResetMailer, type ResetDelivery, type ResetMailer } from './accounts/reset-mail.ts';
export { MAX_PLACES } from '@skycast/validators';
export { inUserDataRouter, USER_DATA_ROUTERS } from './procedure-rules.ts';
export {
  listProcedures,
  procedureInfo,
  publicQueryPaths,
  type ProcedureInfo,
} from './procedures.ts';
export { responseHeaders } from './response-headers.ts';
export type { RateLimit, RateLimiter } from './rate-limit.ts';
export type { ServedEntry } from './weather/request-scope.ts';
export {
  curlExample,
  describeRouter,
  renderApiReferenceMarkdown,
  renderOpenApi,
  type ProcedureDoc,
} from './api-reference.ts';
export { createServices, type ServiceDependencies, type Services } from './services.ts';
export { silentLogger, type Logger } from './logger.ts';
export { callerLanguage } from './i18n/error-messages.ts';
export { RateLimitExceeded } from './rate-limit.ts';
export { clientKeyOf, clientKeys, DEFAULT_IPV6_CLIENT_PREFIX } from './client-key.ts';
export { noMetrics, type ApiMetrics, type BreakerState, type CacheAnswer } from './metrics.ts';
export { pruneWeatherCache, schedulePruning } from './weather/cache-pruner.ts';
export { runNightlySkill, scheduleNightlySkill } from './weather/forecast-skill.ts';
export { confidenceAnswerSchema, type ConfidenceAnswer } from './weather/confidence-service.ts';

/** Largest number of calls one batched HTTP request may carry; clients batch at most this many. */
export const MAX_BATCH_SIZE = 16;
export type MaxBatchSize = typeof MAX_BATCH_SIZE;

/** Largest request body the server reads (a full batch of the largest inputs fits many times). */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** Inputs of every procedure, e.g. `RouterInputs['weather']['forecast']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `RouterOutputs['weather']['forecast']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export {
  startWatchQueue,
  noWatchMetrics,
  type WatchMetrics,
  type WatchQueue,
  type WatchQueueOptions,
} from './watches/watch-jobs.ts';
export { createPushSender, type PushSender, type VapidKeys } from './watches/push-sender.ts';
export type { WatchSettings, WatchServices } from './watches/watch-services.ts';
