import {
  CONDITION_METRICS,
  rainIntensitySchema,
  WARNING_SEVERITIES,
  type WatchCondition,
  type WatchKind,
  type WatchRule,
} from '@skycast/validators';

import { t } from '../i18n/i18n.ts';

/** What a number in a rule measures, so the form shows it in the person's units. */
export type Quantity = 'temperature' | 'wind' | 'precipitation' | 'plain';

/** One field of a rule's form: how to edit `rule[key]`. */
export type RuleField =
  | {
      editor: 'number';
      key: string;
      quantity: Quantity;
      integer?: boolean;
      label: () => string;
    }
  | {
      editor: 'choice';
      key: string;
      options: readonly string[];
      label: () => string;
      optionLabel: (option: string) => string;
    }
  | { editor: 'time'; key: string; label: () => string }
  /** `{ hours: n }` or `{ tonight: true }`. */
  | { editor: 'window'; key: string }
  /** A list of short texts, one a line. */
  | { editor: 'lines'; key: string; label: () => string; hint: () => string }
  /** The conditions of an "all of" watch. */
  | { editor: 'conditions'; key: string };

export interface KindForm {
  label: () => string;
  /** A new watch of this kind starts from this rule. */
  defaults: WatchRule;
  fields: readonly RuleField[];
  /** Said under the kind's fields (how the schedule reads for it). */
  hint?: () => string;
}

const direction: Extract<RuleField, { editor: 'choice' }> = {
  editor: 'choice',
  key: 'direction',
  options: ['below', 'above'],
  label: () => t('watches.form.direction'),
  optionLabel: (option) =>
    option === 'below' ? t('watches.form.direction.below') : t('watches.form.direction.above'),
};

const nextHours: RuleField = {
  editor: 'number',
  key: 'hours',
  quantity: 'plain',
  integer: true,
  label: () => t('watches.form.hours'),
};

const severityLabel = (severity: string) =>
  ({
    minor: t('watches.form.severity.minor'),
    moderate: t('watches.form.severity.moderate'),
    severe: t('watches.form.severity.severe'),
    extreme: t('watches.form.severity.extreme'),
  })[severity] ?? severity;

const intensityLabel = (intensity: string) =>
  ({
    light: t('watches.form.intensity.light'),
    moderate: t('watches.form.intensity.moderate'),
    heavy: t('watches.form.intensity.heavy'),
  })[intensity] ?? intensity;

/**
 * The form of each kind of watch the web app can edit. The kind picker lists
 * the kinds of `WATCH_KINDS` found here, in that order, so a new kind on the
 * server is one entry here (its words, defaults and fields); a watch of a kind
 * not here is still listed, and its schedule can still be edited.
 */
export const KIND_FORMS: Partial<Record<WatchKind, KindForm>> = {
  'rain-starts': {
    label: () => t('watches.kind.rainStarts'),
    defaults: { kind: 'rain-starts', withinMinutes: 30, intensity: 'light' },
    fields: [
      {
        editor: 'number',
        key: 'withinMinutes',
        quantity: 'plain',
        integer: true,
        label: () => t('watches.form.withinMinutes'),
      },
      {
        editor: 'choice',
        key: 'intensity',
        options: rainIntensitySchema.options,
        label: () => t('watches.form.intensity'),
        optionLabel: intensityLabel,
      },
    ],
  },
  'rain-stops': {
    label: () => t('watches.kind.rainStops'),
    defaults: { kind: 'rain-stops' },
    fields: [],
  },
  temperature: {
    label: () => t('watches.kind.temperature'),
    defaults: { kind: 'temperature', direction: 'below', threshold: 0, horizon: { hours: 24 } },
    fields: [
      direction,
      {
        editor: 'number',
        key: 'threshold',
        quantity: 'temperature',
        label: () => t('watches.form.threshold'),
      },
      { editor: 'window', key: 'horizon' },
    ],
  },
  gusts: {
    label: () => t('watches.kind.gusts'),
    defaults: { kind: 'gusts', threshold: 60, hours: 24 },
    fields: [
      {
        editor: 'number',
        key: 'threshold',
        quantity: 'wind',
        label: () => t('watches.form.atLeast'),
      },
      nextHours,
    ],
  },
  uv: {
    label: () => t('watches.kind.uv'),
    defaults: { kind: 'uv', threshold: 6, hours: 12 },
    fields: [
      {
        editor: 'number',
        key: 'threshold',
        quantity: 'plain',
        label: () => t('watches.form.atLeast'),
      },
      nextHours,
    ],
  },
  aqi: {
    label: () => t('watches.kind.aqi'),
    defaults: { kind: 'aqi', threshold: 100, hours: 12 },
    fields: [
      {
        editor: 'number',
        key: 'threshold',
        quantity: 'plain',
        integer: true,
        label: () => t('watches.form.atLeast'),
      },
      nextHours,
    ],
  },
  warning: {
    label: () => t('watches.kind.warning'),
    defaults: { kind: 'warning', minSeverity: 'moderate', mutedEvents: [] },
    fields: [
      {
        editor: 'choice',
        key: 'minSeverity',
        options: WARNING_SEVERITIES,
        label: () => t('watches.form.minSeverity'),
        optionLabel: severityLabel,
      },
      {
        editor: 'lines',
        key: 'mutedEvents',
        label: () => t('watches.form.mutedEvents'),
        hint: () => t('watches.form.mutedEvents.hint'),
      },
    ],
  },
  'daily-summary': {
    label: () => t('watches.kind.dailySummary'),
    defaults: { kind: 'daily-summary', at: '07:00' },
    fields: [{ editor: 'time', key: 'at', label: () => t('watches.form.at') }],
  },
  'unusual-tomorrow': {
    label: () => t('watches.kind.unusualTomorrow'),
    defaults: { kind: 'unusual-tomorrow', direction: 'warm' },
    fields: [
      {
        editor: 'choice',
        key: 'direction',
        options: ['warm', 'cold'],
        label: () => t('watches.form.unusualDirection'),
        optionLabel: (option) =>
          option === 'warm'
            ? t('watches.form.unusualDirection.warm')
            : t('watches.form.unusualDirection.cold'),
      },
    ],
    hint: () => t('watches.form.unusualTomorrow.hint'),
  },
  'all-of': {
    label: () => t('watches.kind.allOf'),
    defaults: {
      kind: 'all-of',
      conditions: [
        { metric: 'temperature', direction: 'below', value: 28 },
        { metric: 'windSpeed', direction: 'below', value: 18 },
      ],
    },
    fields: [{ editor: 'conditions', key: 'conditions' }],
    hint: () => t('watches.form.allOf.hint'),
  },
};

/** The quantity each "all of" metric is in. */
export const METRIC_QUANTITY: Record<WatchCondition['metric'], Quantity> = {
  temperature: 'temperature',
  windSpeed: 'wind',
  windGusts: 'wind',
  precipitation: 'precipitation',
  precipitationProbability: 'plain',
  uvIndex: 'plain',
};

export const metricLabel = (metric: WatchCondition['metric']) =>
  ({
    temperature: t('watches.form.metric.temperature'),
    windSpeed: t('watches.form.metric.windSpeed'),
    windGusts: t('watches.form.metric.windGusts'),
    precipitation: t('watches.form.metric.precipitation'),
    precipitationProbability: t('watches.form.metric.precipitationProbability'),
    uvIndex: t('watches.form.metric.uvIndex'),
  })[metric];

export { CONDITION_METRICS, direction as DIRECTION_FIELD };
