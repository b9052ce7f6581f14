import type { IncomingMessage, ServerResponse } from 'node:http';

import type { CallCounter } from './call-counter.ts';
import { type Fault, parseFault } from './faults.ts';
import { parseScenarios, type RainScenario } from './scenarios.ts';

/** What the control API may read and change. */
export interface StubControl {
  counter: CallCounter;
  fault(): Fault | null;
  setFault(fault: Fault | null): void;
  scenarios(): readonly RainScenario[];
  setScenarios(scenarios: readonly RainScenario[]): void;
}

export const CONTROL_PREFIX = '/__stub/';
const MAX_BODY_BYTES = 64 * 1024;

function reply(res: ServerResponse, status: number, value?: unknown): void {
  if (value === undefined) {
    res.writeHead(status).end();
    return;
  }
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify(value));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new TypeError('The request body is larger than 64 KiB.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The stub's HTTP control API, for tests and tools in other processes:
 * - `GET /__stub/calls` → `{ total, weighted, byEndpoint }`
 * - `POST /__stub/reset` → 204; clears the counts and the fault
 * - `PUT /__stub/fault` with a fault (or `null`) as JSON → 204
 * - `GET /__stub/fault` → `{ fault }`
 * - `PUT /__stub/scenario` with `{ rain: [{ latitude, longitude, startsAt, mmPerHour }] }` (or `null`) → 204
 * - `GET /__stub/scenario` → `{ rain }`
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  control: StubControl,
) {
  const route = `${req.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'GET /__stub/calls':
      return reply(res, 200, control.counter.snapshot());
    case 'POST /__stub/reset':
      control.counter.reset();
      control.setFault(null);
      return reply(res, 204);
    case 'GET /__stub/fault':
      return reply(res, 200, { fault: control.fault() });
    case 'PUT /__stub/fault': {
      let fault: Fault | null;
      try {
        const text = await readBody(req);
        fault = parseFault(JSON.parse(text) as unknown);
      } catch (error) {
        const message =
          error instanceof SyntaxError
            ? 'The body must be JSON: a fault or null.'
            : (error as Error).message;
        return reply(res, 400, { error: message });
      }
      control.setFault(fault);
      return reply(res, 204);
    }
    case 'GET /__stub/scenario':
      return reply(res, 200, { rain: control.scenarios() });
    case 'PUT /__stub/scenario': {
      try {
        control.setScenarios(parseScenarios(JSON.parse(await readBody(req)) as unknown));
      } catch (error) {
        const message =
          error instanceof SyntaxError ? 'The body must be JSON.' : (error as Error).message;
        return reply(res, 400, { error: message });
      }
      return reply(res, 204);
    }
    default:
      return reply(res, 404, {
        error: `No control route ${route}. Try GET /__stub/calls, POST /__stub/reset or PUT /__stub/fault.`,
      });
  }
}
