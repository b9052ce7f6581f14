import { authRouter } from './routers/auth.ts';
import { placesRouter } from './routers/places.ts';
import { preferencesRouter } from './routers/preferences.ts';
import { weatherRouter } from './routers/weather.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  weather: weatherRouter,
  auth: authRouter,
  places: placesRouter,
  preferences: preferencesRouter,
});

export type AppRouter = typeof appRouter;
