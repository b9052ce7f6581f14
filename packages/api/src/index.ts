import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from './root.ts';

export { appRouter, type AppRouter } from './root.ts';
export {
  createCallerFactory,
  createTRPCContext,
  type Context,
  type CreateContextOptions,
  type ProcedureMeta,
} from './trpc.ts';
export {
  inUserDataRouter,
  isProtectedProcedure,
  USER_DATA_ROUTERS,
  type IsProtected,
} from './procedure-rules.ts';
export { responseHeaders } from './response-headers.ts';
export {
  curlExample,
  describeRouter,
  renderApiReferenceHtml,
  renderApiReferenceMarkdown,
  renderOpenApi,
  type ProcedureDoc,
} from './api-reference.ts';
export { createServices, type ServiceDependencies, type Services } from './services.ts';
export { silentLogger, type Logger } from './logger.ts';
export { pruneWeatherCache, schedulePruning } from './weather/cache-pruner.ts';

/** Largest number of calls one batched HTTP request may carry; clients batch at most this many. */
export const MAX_BATCH_SIZE = 16;
export type MaxBatchSize = typeof MAX_BATCH_SIZE;

/** Inputs of every procedure, e.g. `RouterInputs['weather']['forecast']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `RouterOutputs['weather']['forecast']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
