import {
  ALWAYS,
  convert,
  type WatchCondition,
  type WatchKind,
  type WatchRule,
  type WatchSchedule,
} from '@skycast/validators';

import type { Units } from '../api-types.ts';
import { KIND_FORMS, METRIC_QUANTITY, type Quantity } from './watch-kinds.ts';

type ShownUnits = Pick<Units, 'temperature' | 'windSpeed' | 'precipitation'>;

/**
 * A watch as its form holds it: every number as typed, in the person's units;
 * turned into the API's rule (canonical °C, km/h, mm/h) only when sent.
 */
export interface Draft {
  kind: WatchKind;
  /** Field key → text; a window keeps `<key>.mode` ('hours' | 'tonight') and `<key>.hours`. */
  fields: Record<string, string>;
  conditions: { metric: WatchCondition['metric']; direction: 'below' | 'above'; value: string }[];
  /** The rule as it was, for a kind this form has no fields for. */
  kept: WatchRule | null;
  days: number[];
  from: string;
  until: string;
  quiet: boolean;
  quietFrom: string;
  quietUntil: string;
}

/** A canonical value (°C, km/h, mm/h) in the shown units, unrounded. */
export function toShown(value: number, quantity: Quantity, units: ShownUnits): number {
  switch (quantity) {
    case 'temperature':
      return convert.temperature(value, '°C', units.temperature);
    case 'wind':
      return convert.windSpeed(value, 'km/h', units.windSpeed);
    case 'precipitation':
      return convert.precipitation(value, 'mm', units.precipitation);
    case 'plain':
      return value;
  }
}

function toCanonical(value: number, quantity: Quantity, units: ShownUnits): number {
  switch (quantity) {
    case 'temperature':
      return convert.temperature(value, units.temperature, '°C');
    case 'wind':
      return convert.windSpeed(value, units.windSpeed, 'km/h');
    case 'precipitation':
      return convert.precipitation(value, units.precipitation, 'mm');
    case 'plain':
      return value;
  }
}

/** A number as the form shows it: to a hundredth, without trailing zeros. */
const asText = (value: number) => String(Math.round(value * 100) / 100);

/** The text of a number field, in the shown units. */
export const shownText = (value: number, quantity: Quantity, units: ShownUnits) =>
  asText(toShown(value, quantity, units));

/** Text typed in a number field, as the number the API takes; NaN when it is none. */
function parsed(text: string, quantity: Quantity, units: ShownUnits): number {
  // A comma is the decimal sign in German, Spanish and French.
  const trimmed = text.trim().replace(',', '.').replace('−', '-');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  return Math.round(toCanonical(Number(trimmed), quantity, units) * 100) / 100;
}

/** The form's values for a rule and schedule (a new watch: the kind's defaults, at all times). */
export function draftOf(rule: WatchRule, schedule: WatchSchedule, units: ShownUnits): Draft {
  const form = KIND_FORMS[rule.kind];
  const values = rule as unknown as Record<string, unknown>;
  const fields: Record<string, string> = {};
  let conditions: Draft['conditions'] = [];
  for (const field of form?.fields ?? []) {
    const value = values[field.key];
    switch (field.editor) {
      case 'number':
        fields[field.key] =
          typeof value === 'number' ? shownText(value, field.quantity, units) : '';
        break;
      case 'choice':
      case 'time':
        fields[field.key] =
          typeof value === 'string'
            ? value
            : field.editor === 'choice'
              ? (field.options[0] ?? '')
              : '';
        break;
      case 'window': {
        const window = (value ?? {}) as { hours?: number; tonight?: true };
        fields[`${field.key}.mode`] = window.tonight ? 'tonight' : 'hours';
        fields[`${field.key}.hours`] = String(window.hours ?? 24);
        break;
      }
      case 'lines':
        fields[field.key] = Array.isArray(value) ? value.join('\n') : '';
        break;
      case 'conditions':
        conditions = ((value ?? []) as WatchCondition[]).map((condition) => ({
          metric: condition.metric,
          direction: condition.direction,
          value: shownText(condition.value, METRIC_QUANTITY[condition.metric], units),
        }));
        break;
    }
  }
  return {
    kind: rule.kind,
    fields,
    conditions,
    kept: form ? null : rule,
    days: [...schedule.days].sort(),
    from: schedule.from,
    until: schedule.until,
    quiet: schedule.quiet !== null,
    quietFrom: schedule.quiet?.from ?? '22:00',
    quietUntil: schedule.quiet?.until ?? '07:00',
  };
}

/** A new watch of `kind`: its defaults, any day at any hour. */
export function newDraft(kind: WatchKind, units: ShownUnits): Draft {
  const form = KIND_FORMS[kind];
  if (!form) throw new Error(`No form for watches of kind ${kind}`);
  return draftOf(form.defaults, ALWAYS, units);
}

/**
 * The rule and schedule to send, not yet checked: the API's schemas check
 * them (here first, then on the server), with the same messages.
 */
export function inputOf(draft: Draft, units: ShownUnits): { rule: unknown; schedule: unknown } {
  const schedule = {
    days: draft.days,
    from: draft.from,
    until: draft.until,
    quiet: draft.quiet ? { from: draft.quietFrom, until: draft.quietUntil } : null,
  };
  const form = KIND_FORMS[draft.kind];
  if (!form) return { rule: draft.kept, schedule };
  const rule: Record<string, unknown> = { kind: draft.kind };
  for (const field of form.fields) {
    const text = draft.fields[field.key] ?? '';
    switch (field.editor) {
      case 'number':
        rule[field.key] = parsed(text, field.quantity, units);
        break;
      case 'choice':
      case 'time':
        rule[field.key] = text;
        break;
      case 'window':
        rule[field.key] =
          draft.fields[`${field.key}.mode`] === 'tonight'
            ? { tonight: true }
            : { hours: parsed(draft.fields[`${field.key}.hours`] ?? '', 'plain', units) };
        break;
      case 'lines':
        rule[field.key] = text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line.length > 0);
        break;
      case 'conditions':
        rule[field.key] = draft.conditions.map((condition) => ({
          metric: condition.metric,
          direction: condition.direction,
          value: parsed(condition.value, METRIC_QUANTITY[condition.metric], units),
        }));
        break;
    }
  }
  return { rule, schedule };
}

/** Where a number field's value comes from in a rule path (`rule.threshold`, `rule.conditions.0.value`). */
export function quantityAt(draft: Draft, path: readonly PropertyKey[]): Quantity | null {
  const form = KIND_FORMS[draft.kind];
  if (path[0] !== 'rule' || !form) return null;
  if (path[1] === 'conditions' && typeof path[2] === 'number') {
    const metric = draft.conditions[path[2]]?.metric;
    return metric ? METRIC_QUANTITY[metric] : null;
  }
  const field = form.fields.find((one) => one.key === path[1]);
  if (field?.editor === 'number') return field.quantity;
  if (field?.editor === 'window') return 'plain';
  return null;
}

/** A refused value's zod issue, as the schema reports it. */
export interface IssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly expected?: unknown;
}

/**
 * The message each refused field shows, keyed by its path (`rule.threshold`,
 * `schedule.from`): the schema's own words, except that a number out of range
 * names its bounds in the person's units (the schema's are °C and km/h).
 */
export function fieldErrors(
  draft: Draft,
  issues: readonly IssueLike[],
  units: ShownUnits,
  words: {
    notANumber: string;
    atLeast: (value: string) => string;
    atMost: (value: string) => string;
    wholeNumber: string;
  },
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (errors[key]) continue;
    const quantity = quantityAt(draft, issue.path);
    const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
    if (quantity && issue.code === 'invalid_type')
      errors[key] = issue.expected === 'int' ? words.wholeNumber : words.notANumber;
    else if (
      quantity &&
      (issue.code === 'too_big' || issue.code === 'too_small') &&
      typeof bound === 'number'
    ) {
      const shown = shownText(bound, quantity, units);
      errors[key] = issue.code === 'too_big' ? words.atMost(shown) : words.atLeast(shown);
    } else errors[key] = issue.message;
  }
  return errors;
}
