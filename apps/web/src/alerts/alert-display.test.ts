import { describe, expect, it } from 'vitest';

import {
  alertPeriod,
  alertWords,
  urgencyAndCertainty,
  type WeatherAlert,
} from './alert-display.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('a warning in words', () => {
  it('says from when and until when on the place’s clocks, the start only while it is ahead', () => {
    const alert = { onset: '2026-12-01T15:00:00Z', expires: '2026-12-02T09:00:00Z' };
    expect(alertPeriod(alert, 'Europe/Berlin', NOW)).toBe('From Tue 16:00 until Wed 10:00');
    expect(alertPeriod(alert, 'America/Chicago', NOW)).toBe('From Tue 09:00 until Wed 03:00');
    expect(alertPeriod(alert, 'America/Chicago', NOW, '12h')).toBe(
      'From Tue 9:00 AM until Wed 3:00 AM',
    );
    expect(alertPeriod(alert, 'Europe/Berlin', Date.parse('2026-12-01T16:00:00Z'))).toBe(
      'Until Wed 10:00',
    );
  });

  it('says what it can when the issuer gave no start or no end', () => {
    expect(alertPeriod({ onset: null, expires: '2026-12-01T18:00:00Z' }, 'UTC', NOW)).toBe(
      'Until Tue 18:00',
    );
    expect(alertPeriod({ onset: '2026-12-01T18:00:00Z', expires: null }, 'UTC', NOW)).toBe(
      'From Tue 18:00',
    );
    expect(alertPeriod({ onset: null, expires: null }, 'UTC', NOW)).toBeNull();
  });

  it('puts urgency and certainty in plain words, leaving out what is unknown', () => {
    expect(urgencyAndCertainty({ urgency: 'expected', certainty: 'likely' })).toBe(
      'Expected soon, likely',
    );
    expect(urgencyAndCertainty({ urgency: 'unknown', certainty: 'observed' })).toBe('Observed');
    expect(urgencyAndCertainty({ urgency: 'unknown', certainty: 'unknown' })).toBeNull();
  });
});

describe('a warning in the reader’s language', () => {
  const base: WeatherAlert = {
    id: 'x',
    event: 'storm gusts',
    severity: 'severe',
    urgency: 'immediate',
    certainty: 'likely',
    onset: null,
    expires: null,
    sender: 'Deutscher Wetterdienst',
    headline: 'Official WARNING of STORM GUSTS',
    description: 'There is a risk of storm gusts.',
    instruction: null,
    area: 'Berlin',
    language: 'en-GB',
    otherLanguages: [],
  };
  const german = {
    language: 'de-DE',
    event: 'STURMBÖEN',
    headline: 'Amtliche WARNUNG vor STURMBÖEN',
    description: 'Es treten Sturmböen auf.',
    instruction: null,
  };
  const dwd = { ...base, otherLanguages: [german] };

  it('shows the issuer’s own words to a reader of its language, with nothing to switch to', () => {
    expect(alertWords(dwd, 'de')).toEqual({
      shown: german,
      original: null,
      shownLanguageName: null,
    });
  });

  it('shows the reader’s language where the issuer sent it, the original one tap away', () => {
    const choice = alertWords(dwd, 'en');
    expect(choice.shown.event).toBe('storm gusts');
    expect(choice.original).toEqual(german);
    expect(choice.shownLanguageName).toBeNull();
  });

  it('otherwise shows the original, labelled with its language', () => {
    expect(alertWords(dwd, 'fr')).toEqual({
      shown: german,
      original: null,
      shownLanguageName: 'German',
    });
    // The Met Office sends English only.
    expect(alertWords(base, 'es')).toMatchObject({ original: null, shownLanguageName: 'English' });
    expect(alertWords(base, 'es').shown.event).toBe('storm gusts');
  });

  it('labels nothing where the service does not name its language', () => {
    expect(alertWords({ ...base, language: null }, 'ar')).toMatchObject({
      original: null,
      shownLanguageName: null,
    });
  });
});
