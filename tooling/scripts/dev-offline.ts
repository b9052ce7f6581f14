// `pnpm dev:offline`: the local weather provider plus `pnpm dev` pointed at it,
// for working without the real weather services. The UI labels the data as simulated.
import { spawn } from 'node:child_process';

import { startWeatherStub } from '../../packages/weather-stub/src/index.ts';

const port = Number(process.env.STUB_PORT ?? 4010);
const stub = await startWeatherStub({ port }).catch((error: unknown) => {
  const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(
    busy
      ? `Port ${port} is taken (a local provider from \`pnpm stub\` still running?). Stop it, or choose another: STUB_PORT=4011 pnpm dev:offline`
      : `The local weather provider could not start: ${String(error)}`,
  );
  process.exit(1);
});
console.log(`Local weather provider on ${stub.url} (simulated data)`);

const dev = spawn('pnpm', ['dev'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    OPEN_METEO_URL: stub.url,
    OPEN_METEO_GEOCODING_URL: stub.url,
    OPEN_METEO_AIR_QUALITY_URL: stub.url,
    OPEN_METEO_ARCHIVE_URL: stub.url,
    NWS_URL: stub.url,
    METEOALARM_URL: stub.url,
    OPENWEATHER_URL: stub.url,
  },
});

const stop = () => dev.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => {
  void stub.close().then(() => process.exit(code ?? 0));
});
