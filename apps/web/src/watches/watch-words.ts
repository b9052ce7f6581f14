import type { WatchRule } from '@skycast/validators';

import { t } from '../i18n/i18n.ts';

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

/** What a watch watches for, in words (thresholds in the canonical °C and km/h). */
export function describeRule(rule: WatchRule): string {
  switch (rule.kind) {
    case 'rain-starts':
      return t('watches.rule.rainStarts', { minutes: rule.withinMinutes });
    case 'rain-stops':
      return t('watches.rule.rainStops');
    case 'temperature':
      if ('tonight' in rule.horizon)
        return rule.direction === 'below'
          ? t('watches.rule.belowTonight', { value: rule.threshold })
          : t('watches.rule.aboveTonight', { value: rule.threshold });
      return rule.direction === 'below'
        ? t('watches.rule.below', { value: rule.threshold, hours: rule.horizon.hours })
        : t('watches.rule.above', { value: rule.threshold, hours: rule.horizon.hours });
    case 'gusts':
      return t('watches.rule.gusts', { value: rule.threshold, hours: rule.hours });
    case 'uv':
      return t('watches.rule.uv', { value: rule.threshold, hours: rule.hours });
    case 'aqi':
      return t('watches.rule.aqi', { value: rule.threshold, hours: rule.hours });
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
