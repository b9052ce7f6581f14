import {
  convertPrecipitation,
  type Minutely15,
  type NextTwoHours,
  type PrecipitationStep,
} from '@skycast/weather';
import { WET_MM_PER_HOUR, type UnitSystem } from '@skycast/validators';

type Kind = NextTwoHours['steps'][number]['kind'];
type Intensity = NextTwoHours['steps'][number]['intensity'];

const STEPS = 8;
const QUARTER_MS = 15 * 60_000;
/** The page's one threshold for "something falls", over a 15-minute step. */
const WET_MM = WET_MM_PER_HOUR / 4;
const INTENSITY_ORDER: Intensity[] = ['none', 'light', 'moderate', 'heavy'];
const KIND_WORDS: Record<Exclude<Kind, 'none'>, string> = {
  rain: 'rain',
  snow: 'snow',
  'rain-and-snow': 'rain and snow',
};

/** Rates of the American Meteorological Society's glossary: light below 2.5 mm/h, heavy from 7.6. */
function intensityOf(mmIn15Minutes: number): Intensity {
  if (mmIn15Minutes < WET_MM) return 'none';
  const perHour = mmIn15Minutes * 4;
  if (perHour < 2.5) return 'light';
  return perHour < 7.6 ? 'moderate' : 'heavy';
}

function kindOf(step: PrecipitationStep): Kind {
  if (step.precipitation < WET_MM) return 'none';
  if (step.snowfall > 0) return step.rain > 0 ? 'rain-and-snow' : 'snow';
  return 'rain';
}

/** Local time `minutes` earlier, same form (`YYYY-MM-DDTHH:mm`); the wall clock is read as UTC, so no zone shifts it. */
function minusQuarter(localTime: string): string {
  return new Date(Date.parse(`${localTime}:00Z`) - QUARTER_MS).toISOString().slice(0, 16);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Precipitation over the next two hours from the stored 15-minute steps, and
 * one sentence about it: "Light rain starting around 14:30", "Moderate rain
 * stopping around 15:15", "No rain or snow for the next 2 hours". Where the
 * steps are interpolated from hourly values, the sentence says so. Null when
 * the stored steps no longer reach two hours past `now` (a forecast served late).
 *
 * @example
 * nextTwoHours(stored.minutely15, '2026-02-23T13:37', 'metric');
 */
export function nextTwoHours(
  minutely15: Minutely15 | null,
  now: string,
  system: UnitSystem,
): NextTwoHours | null {
  if (!minutely15) return null;
  // A step's amount covers the 15 minutes before its time: the first still ahead ends after now.
  const ahead = minutely15.steps.filter((step) => step.time > now).slice(0, STEPS);
  if (ahead.length < STEPS) return null;

  const steps = ahead.map((step) => ({
    time: step.time,
    precipitation: convertPrecipitation(step.precipitation, system),
    kind: kindOf(step),
    intensity: intensityOf(step.precipitation),
  }));
  const wet = steps.filter((step) => step.kind !== 'none');
  let summary;
  let outlook: NextTwoHours['outlook'] = {
    change: 'dry',
    kind: 'none',
    intensity: 'none',
    at: null,
  };
  if (wet.length === 0) summary = 'No rain or snow for the next 2 hours';
  else {
    const heaviest = wet.reduce((a, b) =>
      INTENSITY_ORDER.indexOf(b.intensity) > INTENSITY_ORDER.indexOf(a.intensity) ? b : a,
    );
    const what = capitalise(
      `${heaviest.intensity} ${KIND_WORDS[heaviest.kind as Exclude<Kind, 'none'>]}`,
    );
    const { kind, intensity } = heaviest;
    const first = steps[0]!;
    if (first.kind === 'none') {
      const start = steps.find((step) => step.kind !== 'none')!;
      const at = minusQuarter(start.time).slice(11);
      outlook = { change: 'starting', kind, intensity, at };
      summary = `${what} starting around ${at}`;
    } else {
      const stop = steps.find((step) => step.kind === 'none');
      const at = stop ? minusQuarter(stop.time).slice(11) : null;
      outlook = { change: stop ? 'stopping' : 'continuing', kind, intensity, at };
      summary = stop ? `${what} stopping around ${at}` : `${what} for the next 2 hours`;
    }
  }
  if (minutely15.interpolated) summary += ' (timing estimated from hourly forecasts)';
  return { summary: `${summary}.`, outlook, interpolated: minutely15.interpolated, steps };
}
