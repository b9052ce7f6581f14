import { weatherRouter } from './routers/weather.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  weather: weatherRouter,
});

export type AppRouter = typeof appRouter;
