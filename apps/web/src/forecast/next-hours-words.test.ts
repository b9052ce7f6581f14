import { i18n } from '@lingui/core';
import { describe, expect, it } from 'vitest';

import { messages as german } from '../i18n/locales/de.ts';
import { outlookWords } from './next-hours-words.ts';

const outlook = (
  change: 'dry' | 'starting' | 'stopping' | 'continuing',
  kind: 'none' | 'rain' | 'snow' | 'rain-and-snow',
  intensity: 'none' | 'light' | 'moderate' | 'heavy',
  at: string | null,
  interpolated = false,
) => ({ outlook: { change, kind, intensity, at }, interpolated });

describe('outlookWords', () => {
  it('reads in English as the server’s sentence', () => {
    expect(outlookWords(outlook('dry', 'none', 'none', null))).toBe(
      'No rain or snow for the next 2 hours.',
    );
    expect(outlookWords(outlook('starting', 'rain', 'light', '14:15'))).toBe(
      'Light rain starting around 14:15.',
    );
    expect(outlookWords(outlook('stopping', 'rain', 'moderate', '14:00'))).toBe(
      'Moderate rain stopping around 14:00.',
    );
    expect(outlookWords(outlook('continuing', 'rain-and-snow', 'heavy', null))).toBe(
      'Heavy rain and snow for the next 2 hours.',
    );
    expect(outlookWords(outlook('starting', 'snow', 'light', '14:15', true))).toBe(
      'Light snow starting around 14:15 (timing estimated from hourly forecasts).',
    );
  });

  it('words the same parts in the active language', () => {
    i18n.loadAndActivate({ locale: 'de', messages: german });
    try {
      expect(outlookWords(outlook('starting', 'snow', 'heavy', '14:15'))).toBe(
        'Starker Schneefall ab etwa 14:15.',
      );
    } finally {
      i18n.activate('en');
    }
  });
});
