import { describe, expect, it } from 'vitest';

import { loggedRequest, requestLogLevel } from '../src/request-log.ts';

describe('the request log policy', () => {
  it('logs server faults as errors, but upstream and database trouble (502–504) as info: it is logged where handled', () => {
    expect(requestLogLevel(500, undefined)).toBe('error');
    expect(requestLogLevel(501, undefined)).toBe('error');
    for (const status of [502, 503, 504]) expect(requestLogLevel(status, undefined)).toBe('info');
    expect(requestLogLevel(505, undefined)).toBe('error');
  });

  it('logs refusals and failed answers as warnings, everything else as info', () => {
    expect(requestLogLevel(404, undefined)).toBe('warn');
    expect(requestLogLevel(429, undefined)).toBe('warn');
    expect(requestLogLevel(200, new Error('socket closed'))).toBe('warn');
    expect(requestLogLevel(200, undefined)).toBe('info');
    expect(requestLogLevel(304, undefined)).toBe('info');
  });

  it('keeps only the id, method and a bounded URL of a request', () => {
    const line = loggedRequest('id-1', 'GET', `/trpc/x?input=${'a'.repeat(5000)}`);
    expect(Object.keys(line)).toEqual(['id', 'method', 'url']);
    expect(line.url?.length).toBe(1024);
  });
});
