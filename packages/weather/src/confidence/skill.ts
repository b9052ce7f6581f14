import { blendWeights } from './confidence.ts';
import { COMPARED_MODELS, type ComparedModel, type SkillHistory } from './open-meteo-confidence.ts';
import { CONFIDENCE_THRESHOLDS } from './thresholds.ts';

export interface ModelSkill {
  model: ComparedModel | 'blend';
  /** Mean absolute error of the next-day high, °C, over `days`. */
  meanAbsoluteError: number;
  /** Days whose next-day high was within `CONFIDENCE_THRESHOLDS.accurateWithin`. */
  daysWithin: number;
  days: number;
}

/**
 * How well each model's run of the day before forecast each past day's high
 * here, and how well their skill-weighted blend did. Only whole past days
 * with every value count; a model missing a day is judged on the rest.
 *
 * @example
 * nextDayHighSkill(history).find((s) => s.model === 'blend'); // { meanAbsoluteError: 0.9, daysWithin: 26, days: 30 }
 */
export function nextDayHighSkill(history: SkillHistory, today: string): ModelSkill[] {
  const days = new Map<string, number[]>();
  history.times.forEach((time, index) => {
    const date = time.slice(0, 10);
    if (date >= today) return;
    days.set(date, [...(days.get(date) ?? []), index]);
  });
  const highOf = (series: (number | null)[], hours: number[]) => {
    const values = hours.map((h) => series[h] ?? null);
    return hours.length === 24 && values.every((v) => v !== null) ? Math.max(...values) : null;
  };
  const observed = new Map<string, number>();
  for (const [date, hours] of days) {
    const high = highOf(history.observed, hours);
    if (high !== null) observed.set(date, high);
  }

  const errorsOf = (forecastHigh: (date: string, hours: number[]) => number | null) => {
    const errors: number[] = [];
    for (const [date, hours] of days) {
      const truth = observed.get(date);
      const forecast = forecastHigh(date, hours);
      if (truth !== undefined && forecast !== null) errors.push(Math.abs(forecast - truth));
    }
    return errors;
  };
  const summary = (model: ModelSkill['model'], errors: number[]): ModelSkill | null =>
    errors.length === 0
      ? null
      : {
          model,
          meanAbsoluteError: errors.reduce((a, b) => a + b, 0) / errors.length,
          daysWithin: errors.filter((e) => e <= CONFIDENCE_THRESHOLDS.accurateWithin).length,
          days: errors.length,
        };

  const perModel = COMPARED_MODELS.map((model) =>
    summary(
      model,
      errorsOf((_, hours) => highOf(history.previousDay[model], hours)),
    ),
  ).filter((s): s is ModelSkill => s !== null);

  const { weights } = blendWeights(
    Object.fromEntries(perModel.map((s) => [s.model, s.meanAbsoluteError])),
  );
  const blendSeries = history.times.map((_, h) => {
    let sum = 0;
    let total = 0;
    for (const model of COMPARED_MODELS) {
      const value = history.previousDay[model][h];
      if (typeof value !== 'number') continue;
      sum += value * weights[model];
      total += weights[model];
    }
    return total > 0 ? sum / total : null;
  });
  const blend = summary(
    'blend',
    errorsOf((_, hours) => highOf(blendSeries, hours)),
  );
  return blend ? [...perModel, blend] : perModel;
}
