import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

import type { AppRouter } from './root.ts';

export { appRouter, type AppRouter } from './root.ts';
export { createCallerFactory, createTRPCContext, type Context } from './trpc.ts';
export { createServices, type ServiceDependencies, type Services } from './services.ts';
export { silentLogger, type Logger } from './logger.ts';

/** Inputs of every procedure, e.g. `RouterInputs['weather']['forecast']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `RouterOutputs['weather']['forecast']`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
