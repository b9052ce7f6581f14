// The baseline the server benchmark compares against: the same provider client
// behind the same Express 5 + tRPC 11 stack, but every request calls the
// weather service — no cache, no coalescing. What Skycast would be without them.
import { initTRPC } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { z } from 'zod';

import { createOpenMeteo } from '@skycast/weather';

const baseUrl = process.env.OPEN_METEO_URL ?? 'http://127.0.0.1:4010';
const provider = createOpenMeteo({
  forecastUrl: baseUrl,
  geocodingUrl: baseUrl,
  airQualityUrl: baseUrl,
});

const t = initTRPC.create();
const router = t.router({
  weather: t.router({
    forecast: t.procedure
      .input(
        z.object({
          latitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
        }),
      )
      .query(async ({ input }) => (await provider.forecast(input)).data),
  }),
});

const app = express();
app.get('/livez', (_req, res) => {
  res.json({ status: 'ok' });
});
app.use('/trpc', createExpressMiddleware({ router }));
app.listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
