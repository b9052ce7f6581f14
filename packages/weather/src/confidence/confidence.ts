import type {
  Band,
  Confidence,
  ConfidenceDay,
  ConfidenceHour,
  ConfidenceReason,
} from './confidence-model.ts';
import type {
  ComparedModel,
  ConfidenceVariable,
  EnsembleMean,
  EnsembleMembers,
  ModelRuns,
  PreviousRuns,
  Series,
} from './open-meteo-confidence.ts';
import { COMPARED_MODELS, DEFAULT_ENSEMBLE } from './open-meteo-confidence.ts';
import { bandOfMeanAndSpread, bandOfMembers, meanAndSpread, shareAbove } from './quantiles.ts';
import { CONFIDENCE_THRESHOLDS as T, labelOf, rainIsSplit } from './thresholds.ts';

/** The ensemble as read: mean and spread (cheap), or every member (a day page that asks). */
export type EnsembleInput =
  { kind: 'mean'; data: EnsembleMean } | { kind: 'members'; data: EnsembleMembers };

export interface ConfidenceInput {
  ensemble: EnsembleInput;
  models: ModelRuns;
  previousRuns: PreviousRuns | null;
  /** Each model's 30-day mean absolute error of the next-day high here, when known. */
  skill?: Partial<Record<ComparedModel, number>>;
}

const present = (values: readonly (number | null | undefined)[]): number[] =>
  values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));

/** Hours grouped by local date, in order. */
function daysOf(times: readonly string[]): { date: string; hours: number[] }[] {
  const days: { date: string; hours: number[] }[] = [];
  times.forEach((time, index) => {
    const date = time.slice(0, 10);
    if (days.at(-1)?.date !== date) days.push({ date, hours: [] });
    days.at(-1)!.hours.push(index);
  });
  return days;
}

const dayMax = (series: Series, hours: number[]) => {
  const values = hours.map((h) => series[h] ?? null);
  return values.some((v) => v === null) ? null : Math.max(...(values as number[]));
};
const dayMin = (series: Series, hours: number[]) => {
  const values = hours.map((h) => series[h] ?? null);
  return values.some((v) => v === null) ? null : Math.min(...(values as number[]));
};
const daySum = (series: Series, hours: number[]) => {
  const values = hours.map((h) => series[h] ?? null);
  return values.some((v) => v === null) ? null : (values as number[]).reduce((a, b) => a + b, 0);
};

interface Signal {
  score: number;
  reason: ConfidenceReason;
}

/** The widest normalised signal decides; ties keep the first (the ensemble before the models). */
function strongest(signals: Signal[]): Signal {
  return signals.reduce((best, signal) => (signal.score > best.score ? signal : best), {
    score: 0,
    reason: { code: 'agree' },
  } as Signal);
}

const widthOf = (band: Band | null) => (band ? band.p90 - band.p10 : 0);

function modelRange(
  values: Partial<Record<ComparedModel, number | null>>,
): { lowModel: ComparedModel; low: number; highModel: ComparedModel; high: number } | null {
  let low: [ComparedModel, number] | null = null;
  let high: [ComparedModel, number] | null = null;
  for (const model of COMPARED_MODELS) {
    const value = values[model];
    if (typeof value !== 'number') continue;
    if (!low || value < low[1]) low = [model, value];
    if (!high || value > high[1]) high = [model, value];
  }
  return low && high ? { lowModel: low[0], low: low[1], highModel: high[0], high: high[1] } : null;
}

function signalsFor(
  bands: { temperature: Band | null; precipitation: Band | null; wind: Band | null },
  wetShare: number | null,
  members: number | null,
  modelTemperature: Partial<Record<ComparedModel, number | null>>,
  modelRain: Partial<Record<ComparedModel, number | null>>,
  scale: { rain: number },
): Signal {
  const signals: Signal[] = [];
  const of = members ?? 100;
  const wet = wetShare === null ? undefined : Math.round(wetShare * of);
  const counted = wet === undefined ? {} : { wet, of };
  const t = widthOf(bands.temperature);
  signals.push({
    score: t / T.uncertainWidth.temperature,
    reason: { code: 'temperature-spread', width: t },
  });
  const w = widthOf(bands.wind);
  signals.push({ score: w / T.uncertainWidth.wind, reason: { code: 'wind-spread', width: w } });
  const r = widthOf(bands.precipitation);
  signals.push({ score: r / scale.rain, reason: { code: 'rain-amount', width: r } });
  if (wetShare !== null && rainIsSplit(wetShare)) {
    signals.push({ score: T.UNCERTAIN_FROM, reason: { code: 'rain-split', ...counted } });
  }
  const temperatures = modelRange(modelTemperature);
  if (temperatures) {
    signals.push({
      score: (temperatures.high - temperatures.low) / T.uncertainWidth.temperature,
      reason: { code: 'models-temperature', ...temperatures },
    });
  }
  const rain = modelRange(modelRain);
  if (rain) {
    signals.push({
      score: (rain.high - rain.low) / scale.rain,
      reason: { code: 'models-rain', ...rain, ...counted },
    });
  }
  return strongest(signals);
}

/** Per-model weights from local skill (1 / error), or equal without a record. */
export function blendWeights(skill: Partial<Record<ComparedModel, number>> | undefined): {
  weights: Record<ComparedModel, number>;
  weightedBy: 'skill' | 'equal';
} {
  const inverse = COMPARED_MODELS.map((model) => {
    const error = skill?.[model];
    return typeof error === 'number' && error >= 0 ? 1 / Math.max(0.1, error) : null;
  });
  const known = inverse.every((value) => value !== null);
  const raw = known ? inverse : COMPARED_MODELS.map(() => 1);
  const total = raw.reduce((a, b) => a + b, 0);
  return {
    weights: Object.fromEntries(
      COMPARED_MODELS.map((model, i) => [model, raw[i]! / total]),
    ) as Record<ComparedModel, number>,
    weightedBy: known ? 'skill' : 'equal',
  };
}

/** The weighted mean of the models that have a value, their weights renormalised. */
function blendAt(values: (number | null)[], weights: number[]): number | null {
  let sum = 0;
  let total = 0;
  values.forEach((value, i) => {
    if (value === null) return;
    sum += value * weights[i]!;
    total += weights[i]!;
  });
  return total > 0 ? sum / total : null;
}

/**
 * The confidence layer of one place: bands, wet shares, model agreement,
 * run-to-run change and a label with its reason, per hour and per day.
 * Aligned on the ensemble's hours; model hours match by time.
 */
export function buildConfidence(input: ConfidenceInput): Confidence {
  const { ensemble, models } = input;
  const times = ensemble.data.times;
  const members =
    ensemble.kind === 'members' ? (ensemble.data.members.temperature[0]?.length ?? null) : null;
  const modelIndex = new Map(models.times.map((time, i) => [time, i]));
  const modelAt = (variable: ConfidenceVariable, hour: number) => {
    const index = modelIndex.get(times[hour]!);
    return Object.fromEntries(
      COMPARED_MODELS.map((model) => [
        model,
        index === undefined ? null : (models.models[model][variable][index] ?? null),
      ]),
    ) as Record<ComparedModel, number | null>;
  };

  const hourBand = (variable: ConfidenceVariable, hour: number): Band | null => {
    const floor = variable === 'temperature' ? -Infinity : 0;
    if (ensemble.kind === 'members') {
      return bandOfMembers(present(ensemble.data.members[variable][hour] ?? []));
    }
    const mean = ensemble.data.mean[variable][hour];
    const spread = ensemble.data.spread[variable][hour];
    return typeof mean === 'number' && typeof spread === 'number'
      ? bandOfMeanAndSpread(mean, spread, floor)
      : null;
  };
  const hourWetShare = (hour: number): number | null => {
    if (ensemble.kind === 'members') {
      const values = present(ensemble.data.members.precipitation[hour] ?? []);
      return values.length
        ? values.filter((v) => v >= T.wetFrom.hour).length / values.length
        : null;
    }
    const mean = ensemble.data.mean.precipitation[hour];
    const spread = ensemble.data.spread.precipitation[hour];
    return typeof mean === 'number' && typeof spread === 'number'
      ? shareAbove(mean, spread, T.wetFrom.hour)
      : null;
  };

  const hours: ConfidenceHour[] = times.map((time, hour) => {
    const bands = {
      temperature: hourBand('temperature', hour),
      precipitation: hourBand('precipitation', hour),
      wind: hourBand('wind', hour),
    };
    const wetShare = hourWetShare(hour);
    const signal = signalsFor(
      bands,
      wetShare,
      members,
      modelAt('temperature', hour),
      modelAt('precipitation', hour),
      { rain: T.uncertainWidth.precipitationHour },
    );
    return { time, ...bands, wetShare, label: labelOf(signal.score), reason: signal.reason };
  });

  const { weights, weightedBy } = blendWeights(input.skill);
  const weightList = COMPARED_MODELS.map((model) => weights[model]);
  const modelTimes = models.times;
  const blend = modelTimes.map((_, i) =>
    blendAt(
      COMPARED_MODELS.map((model) => models.models[model].temperature[i] ?? null),
      weightList,
    ),
  );
  const modelDays = daysOf(modelTimes);
  const previous = input.previousRuns;
  const previousDays = previous ? daysOf(previous.times) : [];

  const days: ConfidenceDay[] = daysOf(times).map(({ date, hours: dayHours }) => {
    const modelDay = modelDays.find((d) => d.date === date);
    const perModel = COMPARED_MODELS.map((model) => {
      const series = models.models[model];
      return {
        model,
        high: modelDay ? dayMax(series.temperature, modelDay.hours) : null,
        low: modelDay ? dayMin(series.temperature, modelDay.hours) : null,
        precipitation: modelDay ? daySum(series.precipitation, modelDay.hours) : null,
      };
    });
    const { high, low, precipitation, wetShare } = dayBands(ensemble, dayHours);
    const signal = signalsFor(
      { temperature: high, precipitation, wind: null },
      wetShare,
      members,
      Object.fromEntries(perModel.map((m) => [m.model, m.high])),
      Object.fromEntries(perModel.map((m) => [m.model, m.precipitation])),
      { rain: T.uncertainWidth.precipitationDay },
    );
    const dayWindWidth = Math.max(0, ...dayHours.map((h) => widthOf(hours[h]!.wind)));
    const windSignal: Signal = {
      score: dayWindWidth / T.uncertainWidth.wind,
      reason: { code: 'wind-spread', width: dayWindWidth },
    };
    const decided = windSignal.score > signal.score ? windSignal : signal;
    return {
      date,
      high,
      low,
      precipitation,
      wetShare,
      label: labelOf(decided.score),
      reason: decided.reason,
      models: perModel,
      blendHigh: modelDay ? dayMax(blend, modelDay.hours) : null,
      change: previous
        ? changeOf(previous, previousDays.find((d) => d.date === date)?.hours)
        : null,
    };
  });

  return {
    ensemble: {
      model: ensemble.kind === 'members' ? ensemble.data.model : DEFAULT_ENSEMBLE,
      members,
    },
    hours,
    days,
    models: {
      times: modelTimes,
      series: COMPARED_MODELS.map((model) => ({
        model,
        weight: weights[model],
        temperature: models.models[model].temperature,
      })),
      blend,
      weightedBy,
    },
  };
}

/** A day's high, low and rain as bands, and its wet share. */
function dayBands(ensemble: EnsembleInput, dayHours: number[]) {
  if (ensemble.kind === 'members') {
    const count = ensemble.data.members.temperature[dayHours[0]!]?.length ?? 0;
    const perMember = (
      variable: ConfidenceVariable,
      reduce: (s: Series, h: number[]) => number | null,
    ) =>
      present(
        Array.from({ length: count }, (_, m) =>
          reduce(
            dayHours.map((h) => ensemble.data.members[variable][h]?.[m] ?? null),
            dayHours.map((_, i) => i),
          ),
        ),
      );
    const sums = perMember('precipitation', daySum);
    return {
      high: bandOfMembers(perMember('temperature', dayMax)),
      low: bandOfMembers(perMember('temperature', dayMin)),
      precipitation: bandOfMembers(sums),
      wetShare: sums.length ? sums.filter((v) => v >= T.wetFrom.day).length / sums.length : null,
    };
  }
  const { mean, spread } = ensemble.data;
  const at = (series: Series, pick: (values: number[]) => number) => {
    const values = dayHours.map((h) => series[h] ?? null);
    if (values.some((v) => v === null)) return null;
    const chosen = pick(values as number[]);
    return dayHours[(values as number[]).indexOf(chosen)]!;
  };
  const maxHour = at(mean.temperature, (v) => Math.max(...v));
  const minHour = at(mean.temperature, (v) => Math.min(...v));
  const bandAt = (hour: number | null) =>
    hour === null
      ? null
      : typeof spread.temperature[hour] === 'number'
        ? bandOfMeanAndSpread(mean.temperature[hour]!, spread.temperature[hour])
        : null;
  const sum = daySum(mean.precipitation, dayHours);
  // Hours' spreads taken as independent: sqrt of the summed variances. It understates a
  // day's spread when one system shifts every hour alike; the members path is exact.
  const spreads = dayHours.map((h) => spread.precipitation[h] ?? null);
  const daySpread = spreads.some((v) => v === null)
    ? null
    : Math.sqrt((spreads as number[]).reduce((a, b) => a + b * b, 0));
  return {
    high: bandAt(maxHour),
    low: bandAt(minHour),
    precipitation:
      sum === null || daySpread === null ? null : bandOfMeanAndSpread(sum, daySpread, 0),
    wetShare: sum === null || daySpread === null ? null : shareAbove(sum, daySpread, T.wetFrom.day),
  };
}

/** The largest move of a day's high over the kept runs, if at least `changedHighFrom`. */
function changeOf(previous: PreviousRuns, dayHours: number[] | undefined): ConfidenceDay['change'] {
  if (!dayHours) return null;
  const highNow = dayMax(previous.latest, dayHours);
  if (highNow === null) return null;
  let best: ConfidenceDay['change'] = null;
  previous.byRunsBack.forEach((series, i) => {
    const highThen = dayMax(series, dayHours);
    if (highThen === null) return;
    if (Math.abs(highNow - highThen) < T.changedHighFrom) return;
    if (!best || Math.abs(highNow - highThen) > Math.abs(best.highNow - best.highThen)) {
      best = { runsBack: i + 1, highThen, highNow };
    }
  });
  return best;
}

/** Mean and spread of raw members, as Open-Meteo's `_ensemble_mean` models give them. */
export function ensembleStatistics(members: readonly (number | null)[]) {
  return meanAndSpread(present(members));
}
