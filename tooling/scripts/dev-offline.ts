// `pnpm dev:offline`: the local weather provider plus `pnpm dev` pointed at it,
// for working without the real weather services. The UI labels the data as simulated.
import { spawn } from 'node:child_process';

import { startWeatherStub } from '../../packages/weather-stub/src/index.ts';

const stub = await startWeatherStub({ port: Number(process.env.STUB_PORT ?? 4010) });
console.log(`Local weather provider on ${stub.url} (simulated data)`);

const dev = spawn('pnpm', ['dev'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    OPEN_METEO_URL: stub.url,
    OPEN_METEO_GEOCODING_URL: stub.url,
    OPEN_METEO_AIR_QUALITY_URL: stub.url,
    OPENWEATHER_URL: stub.url,
  },
});

const stop = () => dev.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => {
  void stub.close().then(() => process.exit(code ?? 0));
});
