import { pino } from 'pino';
import { describe, expect, it } from 'vitest';

import { errorSerializer } from '../src/logger.ts';
import { createRepeatSummary } from '../src/repeat-summary.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info', serializers: { err: errorSerializer('info') } },
    { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

describe('createRepeatSummary', () => {
  it('logs the first of a kind, counts the rest, and says how many when the window ends', () => {
    const { logger, lines } = capture();
    const repeats = createRepeatSummary(logger, 10_000);
    for (let i = 0; i < 250; i++) {
      repeats.log(
        'warn',
        'db:unreachable',
        { err: new Error('connect ECONNREFUSED') },
        'database not reachable',
      );
    }
    repeats.log('error', 'internal:x', {}, 'procedure failed');
    expect(lines.map((line) => line.msg)).toEqual(['database not reachable', 'procedure failed']);
    repeats.flush();
    expect(lines.at(-1)).toMatchObject({
      msg: 'database not reachable: 249 more like this in the last 10 s',
      repeated: 249,
    });
    expect(lines).toHaveLength(3);
    // A new window starts afresh.
    repeats.log('warn', 'db:unreachable', {}, 'database not reachable');
    expect(lines).toHaveLength(4);
  });

  it('counts a flood of made-up kinds in bounded memory: 1,000 kinds a window, the rest together', () => {
    const { logger, lines } = capture();
    const repeats = createRepeatSummary(logger, 10_000);
    for (let i = 0; i < 5_000; i++) {
      repeats.log('warn', `BAD_REQUEST:weather.forecast:${i}:${'x'.repeat(10_000)}`, {}, 'odd');
    }
    // One line per kind kept, and one for the first of the rest.
    expect(lines).toHaveLength(1_001);
    repeats.flush();
    expect(lines.at(-1)).toMatchObject({ repeated: 3_999 });
  });
});

describe('errorSerializer', () => {
  it('keeps type, message and code but no stack below debug', () => {
    const error = Object.assign(new Error('boom', { cause: new Error('inner') }), { code: 'E1' });
    const info = errorSerializer('info')(error) as Record<string, unknown>;
    expect(info).toMatchObject({ type: 'Error', message: 'boom: inner', code: 'E1' });
    expect(JSON.stringify(info)).not.toContain('"stack"');
    expect(errorSerializer('debug')(error)).toHaveProperty('stack');
  });
});
