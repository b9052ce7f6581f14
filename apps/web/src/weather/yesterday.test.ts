import { describe, expect, it } from 'vitest';

import { t } from '../i18n/i18n.ts';
import { againstYesterday, comparedWithYesterday } from './yesterday.ts';

describe('comparedWithYesterday', () => {
  it.each([
    [12.4, 9.1, '3° warmer than yesterday at this time.'],
    [-2, 1.2, '3° colder than yesterday at this time.'],
    [5.2, 5.0, 'About as warm as yesterday at this time.'],
    [5.6, 5.0, '1° warmer than yesterday at this time.'],
  ])('puts %d today against %d yesterday as “%s”', (today, yesterday, words) => {
    expect(comparedWithYesterday(today, yesterday)).toBe(words);
  });
});

describe('againstYesterday', () => {
  it.each([
    [21.2, 18.4, 'Today’s high is 3° above yesterday’s (<0>12°C</0>).'],
    [10, 12.4, 'Today’s high is 2° below yesterday’s (<0>12°C</0>).'],
    [10, 10.3, 'Today’s high is the same as yesterday’s (<0>12°C</0>).'],
  ])('puts a high of %d against %d as “%s”', (today, yesterday, words) => {
    const difference = Math.abs(Math.round(today - yesterday));
    expect(t(againstYesterday(today, yesterday), { difference, high: '12°C' })).toBe(words);
  });
});
