import { register } from 'node:module';

import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { createAddHookMessageChannel } from 'import-in-the-middle';

/**
 * Starts OpenTelemetry tracing of HTTP, Express and PostgreSQL. Configured by
 * the standard OTEL_* variables (OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME, …). Must run before the
 * server's modules are imported: the ESM hook can only wrap what loads after it.
 */
export async function startTracing(): Promise<void> {
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  const sdk = new NodeSDK({
    serviceName: 'skycast',
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would drown the traces.
        ignoreIncomingRequestHook: (req) => req.url === '/livez' || req.url === '/readyz',
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation(),
    ],
  });
  sdk.start();
  await waitForAllMessagesAcknowledged();
  // main.ts exits once drained; sending the batched spans starts with the signal.
  // Spans of requests that finish during the drain after that are not sent.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void sdk.shutdown());
}
