import { describe, expect, it } from 'vitest';

import { formatTimeAgo } from './time-ago.ts';

const fetchedAt = '2026-11-23T10:00:00.000Z';
const after = (ms: number) => Date.parse(fetchedAt) + ms;

describe('formatTimeAgo', () => {
  it('says "just now" within the first minute', () => {
    expect(formatTimeAgo(fetchedAt, after(0))).toBe('just now');
    expect(formatTimeAgo(fetchedAt, after(59_999))).toBe('just now');
  });

  it('counts whole minutes within the first hour, in Intl’s words for the language', () => {
    expect(formatTimeAgo(fetchedAt, after(60_000))).toBe('1 min ago');
    expect(formatTimeAgo(fetchedAt, after(7.5 * 60_000))).toBe('7 min ago');
    expect(formatTimeAgo(fetchedAt, after(59 * 60_000 + 59_000))).toBe('59 min ago');
  });

  it('counts hours, then days', () => {
    expect(formatTimeAgo(fetchedAt, after(60 * 60_000))).toBe('1 hr ago');
    expect(formatTimeAgo(fetchedAt, after(23.9 * 3_600_000))).toBe('23 hr ago');
    expect(formatTimeAgo(fetchedAt, after(24 * 3_600_000))).toBe('1 day ago');
    expect(formatTimeAgo(fetchedAt, after(50 * 3_600_000))).toBe('2 days ago');
  });

  it('treats a time slightly in the future as just now', () => {
    expect(formatTimeAgo(fetchedAt, after(-5_000))).toBe('just now');
  });

  it('accepts Date objects', () => {
    expect(formatTimeAgo(new Date(fetchedAt), new Date(after(3 * 60_000)))).toBe('3 min ago');
  });
});

describe('formatTimeAgo in another language', () => {
  it('follows the active language’s words and order', async () => {
    const { i18n } = await import('@lingui/core');
    const { messages } = await import('../i18n/locales/de.ts');
    i18n.loadAndActivate({ locale: 'de', messages });
    try {
      expect(formatTimeAgo(fetchedAt, after(7.5 * 60_000))).toBe('vor 7 Min.');
      expect(formatTimeAgo(fetchedAt, after(50 * 3_600_000))).toBe('vor 2 Tagen');
    } finally {
      i18n.activate('en');
    }
  });
});
