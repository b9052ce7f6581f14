import { parseArgs } from 'node:util';

import { startWeatherStub } from './server.ts';

// `pnpm start [--port 4010] [--host 127.0.0.1] [--now 2026-02-23T12:00:00Z]`
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    now: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a TCP port (0–65535), not "${values.port}".`);
  process.exit(2);
}
const fixedNow = values.now === undefined ? undefined : new Date(values.now);
if (fixedNow && Number.isNaN(fixedNow.getTime())) {
  console.error(
    `--now must be an ISO 8601 date-time such as 2026-02-23T12:00:00Z, not "${values.now}".`,
  );
  process.exit(2);
}

const stub = await startWeatherStub({
  port,
  host: values.host,
  ...(fixedNow ? { now: () => fixedNow } : {}),
});
console.log(`Weather stub (Open-Meteo + OpenWeather) listening on ${stub.url}`);
console.log(
  `Control API: GET ${stub.url}/__stub/calls, POST ${stub.url}/__stub/reset, PUT ${stub.url}/__stub/fault`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stub.close().then(() => console.log(`Weather stub stopped (${signal}).`));
  });
}
