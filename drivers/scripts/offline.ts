// `pnpm dev:offline` and `pnpm start:offline`: the local weather provider plus
// `pnpm dev` or `pnpm start` pointed at it, for running Skycast without the
// real weather services (no internet, CI). The UI labels the data as simulated.
import { spawn } from 'node:child_process';

import { startWeatherStub, stubProviderEnv } from '../../packages/weather-stub/src/index.ts';

const script = process.argv[2];
if (script !== 'dev' && script !== 'start') {
  console.error('Usage: node drivers/scripts/offline.ts dev|start');
  process.exit(2);
}

const port = Number(process.env.STUB_PORT ?? 4010);
const stub = await startWeatherStub({ port }).catch((error: unknown) => {
  const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(
    busy
      ? `Port ${port} is taken (a local provider from \`pnpm stub\` still running?). Stop it, or choose another: STUB_PORT=4011 pnpm ${script}:offline`
      : `The local weather provider could not start: ${String(error)}`,
  );
  process.exit(1);
});
console.log(`Local weather provider on ${stub.url} (simulated data)`);

const app = spawn('pnpm', [script], {
  stdio: 'inherit',
  // A process group of its own, so a signal reaches the app itself, not only pnpm (which does not pass it on).
  detached: true,
  env: {
    ...process.env,
    ...stubProviderEnv(stub.url),
    // The local provider has no usage policy: no need for the public Nominatim's one call a second.
    NOMINATIM_QUOTA: '600/60',
  },
});

// The app shuts down gracefully on either signal; the provider stops after it.
const stop = (signal: NodeJS.Signals) => {
  if (app.pid !== undefined) process.kill(-app.pid, signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
app.on('exit', (code) => {
  void stub.close().then(() => process.exit(code ?? 0));
});
