import { i18n } from '@lingui/core';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';

import { messages as germanErrors } from '@skycast/validators/error-catalogue/de.ts';
import { signUpInputSchema } from '@skycast/validators';

import { errorMessage, shouldRetry } from './error-message.ts';
import { schemaErrors } from './form-errors.ts';

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

describe('the words of an error, from the catalogue by reason', () => {
  function refusal(reason: string, values: Record<string, unknown> | null) {
    return TRPCClientError.from({
      error: {
        message: 'Whatever the server wrote.',
        code: -32600,
        data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, path: 'places.add', reason, values },
      },
    });
  }

  it('words a reason in the page’s language with the values the API sent', () => {
    expect(errorMessage(refusal('DATABASE_READ_ONLY', { seconds: 30 }))).toBe(
      'Changes cannot be saved right now: our database is being switched over and only reads work. Please try again in 30 seconds.',
    );
    i18n.load('de', germanErrors);
    i18n.activate('de');
    try {
      expect(errorMessage(refusal('DATABASE_UNAVAILABLE', { seconds: 5 }))).toBe(
        'Unsere Datenbank ist gerade nicht erreichbar. Bitte versuche es in 5 Sekunden erneut.',
      );
      expect(errorMessage(refusal('PLACE_LIMIT_REACHED', { max: 20 }))).toMatch(
        /höchstens 20 Orte/,
      );
      // A form's own check of the same schema the API uses, in German too.
      expect(schemaErrors(signUpInputSchema, { email: '', password: 'short' })).toEqual({
        email: 'Gib deine E-Mail-Adresse ein.',
        password: 'Mindestens 8 Zeichen.',
      });
    } finally {
      i18n.activate('en');
    }
  });

  it('shows the API’s own words (already in the asked language) until the error catalogue is here', () => {
    // The app's catalogue loads before the first screen, the errors' just after it.
    i18n.load('fr', { 'app.skipToContent': 'Aller au contenu' });
    i18n.activate('fr');
    try {
      expect(errorMessage(refusal('DATABASE_READ_ONLY', { seconds: 30 }))).toBe(
        'Whatever the server wrote.',
      );
    } finally {
      i18n.activate('en');
    }
  });

  it('shows the API’s message for a reason sent without values', () => {
    expect(errorMessage(refusal('RATE_LIMITED', null))).toBe('Whatever the server wrote.');
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
