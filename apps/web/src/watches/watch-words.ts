import type { WatchRule, WatchSchedule } from '@skycast/validators';

import type { Units } from '../api-types.ts';
import { intlLocale, t } from '../i18n/i18n.ts';
import { formatTemperature } from '../weather/units.ts';
import { formatNumber, formatWindSpeed } from '../weather/detail-units.ts';
import { toShown } from './watch-draft.ts';

/** Ready-made watches a person adds with one click. */
export const WATCH_PRESETS = {
  rainSoon: { kind: 'rain-starts', withinMinutes: 30, intensity: 'light' },
  frostTonight: {
    kind: 'temperature',
    direction: 'below',
    threshold: 0,
    horizon: { tonight: true },
  },
  warnings: { kind: 'warning', minSeverity: 'moderate', mutedEvents: [] },
  morningSummary: { kind: 'daily-summary', at: '07:00' },
  unusualWarm: { kind: 'unusual-tomorrow', direction: 'warm' },
} as const satisfies Record<string, WatchRule>;

export type PresetName = keyof typeof WATCH_PRESETS;

export const presetLabel = (name: PresetName) =>
  ({
    rainSoon: t('watches.preset.rainSoon'),
    frostTonight: t('watches.preset.frostTonight'),
    warnings: t('watches.preset.warnings'),
    morningSummary: t('watches.preset.morningSummary'),
    unusualWarm: t('watches.preset.unusualWarm'),
  })[name];

/** What a watch watches for, in words, its thresholds in the person's units. */
export function describeRule(rule: WatchRule, units: Units): string {
  const temperature = (value: number) =>
    formatTemperature(toShown(value, 'temperature', units), units.temperature);
  switch (rule.kind) {
    case 'rain-starts':
      return t('watches.rule.rainStarts', { minutes: rule.withinMinutes });
    case 'rain-stops':
      return t('watches.rule.rainStops');
    case 'temperature':
      if ('tonight' in rule.horizon)
        return rule.direction === 'below'
          ? t('watches.rule.belowTonight', { value: temperature(rule.threshold) })
          : t('watches.rule.aboveTonight', { value: temperature(rule.threshold) });
      return rule.direction === 'below'
        ? t('watches.rule.below', { value: temperature(rule.threshold), hours: rule.horizon.hours })
        : t('watches.rule.above', {
            value: temperature(rule.threshold),
            hours: rule.horizon.hours,
          });
    case 'gusts':
      return t('watches.rule.gusts', {
        value: formatWindSpeed(toShown(rule.threshold, 'wind', units), units.windSpeed),
        hours: rule.hours,
      });
    case 'uv':
      return t('watches.rule.uv', { value: formatNumber(rule.threshold), hours: rule.hours });
    case 'aqi':
      return t('watches.rule.aqi', { value: formatNumber(rule.threshold), hours: rule.hours });
    case 'warning':
      return t('watches.rule.warning');
    case 'daily-summary':
      return t('watches.rule.dailySummary', { time: rule.at });
    case 'unusual-tomorrow':
      return rule.direction === 'warm'
        ? t('watches.rule.unusualWarm')
        : t('watches.rule.unusualCold');
    case 'all-of':
      return t('watches.rule.allOf', { count: rule.conditions.length });
  }
}

/** When a watch may notify, in words; null when at any time on any day. */
export function describeSchedule(schedule: WatchSchedule): string | null {
  const parts: string[] = [];
  if (schedule.days.length < 7) {
    const names = [...schedule.days].sort().map((day) =>
      new Intl.DateTimeFormat(intlLocale(), { weekday: 'short', timeZone: 'UTC' }).format(
        Date.UTC(2024, 0, day), // 1 January 2024 was a Monday.
      ),
    );
    parts.push(new Intl.ListFormat(intlLocale(), { style: 'narrow' }).format(names));
  }
  if (schedule.from !== schedule.until)
    parts.push(t('watches.schedule.hours', { from: schedule.from, until: schedule.until }));
  if (schedule.quiet)
    parts.push(
      t('watches.schedule.quiet', { from: schedule.quiet.from, until: schedule.quiet.until }),
    );
  return parts.length > 0 ? parts.join(' · ') : null;
}
