import { describe, expect, it } from 'vitest';

import { parseRetryAfter } from '../src/index.ts';

const NOW = new Date('2026-02-23T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('parseRetryAfter', () => {
  it('reads a delay in seconds', () => {
    expect(parseRetryAfter('120', NOW)).toEqual(later(120_000));
    expect(parseRetryAfter(' 30 ', NOW)).toEqual(later(30_000));
    expect(parseRetryAfter('0', NOW)).toEqual(NOW);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Mon, 23 Feb 2026 12:05:00 GMT', NOW)).toEqual(later(300_000));
  });

  it('never answers a time in the past', () => {
    expect(parseRetryAfter('Mon, 23 Feb 2026 11:00:00 GMT', NOW)).toEqual(NOW);
  });

  it.each([null, '', '   ', 'soon', '1.5', '-5', '12 apples'])(
    'gives the provider one minute for a header in neither form: %j',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toEqual(later(60_000));
    },
  );
});
