import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { errorMessage, shouldRetry } from './error-message.ts';

function apiError(message: string, httpStatus: number, code: string) {
  return TRPCClientError.from({
    error: { message, code: -32000, data: { code, httpStatus, path: 'weather.forecast' } },
  });
}

describe('errorMessage', () => {
  it('shows the message the API wrote for people', () => {
    const error = apiError(
      'The weather service took too long to answer. Please try again in a minute.',
      504,
      'GATEWAY_TIMEOUT',
    );
    expect(errorMessage(error)).toBe(
      'The weather service took too long to answer. Please try again in a minute.',
    );
  });

  it('says the server could not be reached when no answer came back', () => {
    const error = TRPCClientError.from(new TypeError('Failed to fetch'));
    expect(errorMessage(error)).toMatch(/could not be reached/);
  });

  it('does not show the text of unexpected exceptions', () => {
    expect(errorMessage(new Error('Cannot read properties of undefined'))).toMatch(
      /could not be reached/,
    );
  });
});

describe('shouldRetry', () => {
  it('does not retry a request the API refused', () => {
    expect(shouldRetry(0, apiError('Invalid input', 400, 'BAD_REQUEST'))).toBe(false);
  });

  it('retries a failing upstream once', () => {
    const error = apiError('The weather service is busy right now.', 503, 'SERVICE_UNAVAILABLE');
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(1, error)).toBe(false);
  });

  it('retries a network failure once', () => {
    expect(shouldRetry(0, TRPCClientError.from(new TypeError('Failed to fetch')))).toBe(true);
  });
});
