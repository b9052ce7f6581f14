import { describe, expect, it } from 'vitest';

import { alertPeriod, urgencyAndCertainty } from './alert-display.ts';

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
