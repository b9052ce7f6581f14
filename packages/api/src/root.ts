import { authRouter } from './routers/auth.ts';
import { placesRouter } from './routers/places.ts';
import { notificationsRouter } from './routers/notifications.ts';
import { preferencesRouter } from './routers/preferences.ts';
import { pushRouter } from './routers/push.ts';
import { watchesRouter } from './routers/watches.ts';
import { weatherRouter } from './routers/weather.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  weather: weatherRouter,
  auth: authRouter,
  places: placesRouter,
  preferences: preferencesRouter,
  watches: watchesRouter,
  push: pushRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
