// The server's entry point, and the container image's:
//   node src/cli.ts serve     the HTTP server (migrates first, under a lock)
//   node src/cli.ts migrate   applies pending migrations to DATABASE_URL and exits
import { loadEnvOrExit } from './env.ts';

const command = process.argv[2] ?? 'serve';
const env = loadEnvOrExit();

if (command === 'migrate') {
  const { migrateOnce } = await import('./migrate-once.ts');
  process.exitCode = await migrateOnce(env);
} else if (command === 'serve') {
  // Tracing must hook http, express and pg before they are first imported;
  // without an endpoint the OpenTelemetry SDK is not even loaded.
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const { startTracing } = await import('./tracing.ts');
    await startTracing();
  }
  await import('./main.ts');
} else {
  console.error(`Unknown command "${command}": expected "serve" or "migrate".`);
  process.exitCode = 2;
}
