import { describe, expect, it } from 'vitest';

import { againstYesterday, comparedWithYesterday } from './yesterday.ts';

describe('comparedWithYesterday', () => {
  it.each([
    [12.4, 9.1, '3° warmer than yesterday at this time'],
    [-2, 1.2, '3° colder than yesterday at this time'],
    [5.2, 5.0, 'About as warm as yesterday at this time'],
    [5.6, 5.0, '1° warmer than yesterday at this time'],
  ])('puts %d today against %d yesterday as “%s”', (today, yesterday, words) => {
    expect(comparedWithYesterday(today, yesterday, 'at this time')).toBe(words);
  });
});

describe('againstYesterday', () => {
  it.each([
    [21.2, 18.4, '3° above'],
    [10, 12.4, '2° below'],
    [10, 10.3, 'the same as'],
  ])('puts a high of %d against %d as “%s”', (today, yesterday, words) => {
    expect(againstYesterday(today, yesterday)).toBe(words);
  });
});
