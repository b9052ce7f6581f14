/**
 * Where the sun is, after NOAA's "General Solar Position Calculations"
 * (accurate to a minute or two, which is plenty for simulated weather).
 */

const DAY_MS = 86_400_000;
const RAD = Math.PI / 180;
/** Sunrise and sunset are when the sun's upper edge meets the horizon, refraction included. */
const HORIZON_ZENITH = 90.833;

interface SolarTerms {
  /** Equation of time, minutes. */
  eqTime: number;
  /** Declination, radians. */
  declination: number;
}

function solarTerms(instant: number): SolarTerms {
  const date = new Date(instant);
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  const daysInYear = date.getUTCFullYear() % 4 === 0 ? 366 : 365;
  const g = ((2 * Math.PI) / daysInYear) * ((instant - startOfYear) / DAY_MS);
  return {
    eqTime:
      229.18 *
      (0.000075 +
        0.001868 * Math.cos(g) -
        0.032077 * Math.sin(g) -
        0.014615 * Math.cos(2 * g) -
        0.040849 * Math.sin(2 * g)),
    declination:
      0.006918 -
      0.399912 * Math.cos(g) +
      0.070257 * Math.sin(g) -
      0.006758 * Math.cos(2 * g) +
      0.000907 * Math.sin(2 * g) -
      0.002697 * Math.cos(3 * g) +
      0.00148 * Math.sin(3 * g),
  };
}

/** Cosine of the sun's zenith angle: 1 overhead, 0 on the horizon, negative at night. */
export function sunHeight(latitude: number, longitude: number, instant: number): number {
  const { eqTime, declination } = solarTerms(instant);
  const minutesOfDay = (((instant % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
  const hourAngle = ((minutesOfDay + eqTime + 4 * longitude) / 4 - 180) * RAD;
  const phi = latitude * RAD;
  return (
    Math.sin(phi) * Math.sin(declination) +
    Math.cos(phi) * Math.cos(declination) * Math.cos(hourAngle)
  );
}

export type SunTimes =
  | { kind: 'normal'; sunrise: number; sunset: number }
  | { kind: 'polar-day' }
  | { kind: 'polar-night' };

/**
 * Sunrise and sunset (epoch ms) around the solar noon nearest to `near`: pass
 * 12:00 of a local calendar day and get that day's sun, whatever the zone.
 */
export function sunTimes(latitude: number, longitude: number, near: number): SunTimes {
  const meanNoonMinutes = 720 - 4 * longitude;
  const utcMidnight = Math.round((near - meanNoonMinutes * 60_000) / DAY_MS) * DAY_MS;
  const { eqTime, declination } = solarTerms(utcMidnight + meanNoonMinutes * 60_000);
  const phi = latitude * RAD;
  const cosHourAngle =
    Math.cos(HORIZON_ZENITH * RAD) / (Math.cos(phi) * Math.cos(declination)) -
    Math.tan(phi) * Math.tan(declination);
  if (cosHourAngle > 1) return { kind: 'polar-night' };
  if (cosHourAngle < -1) return { kind: 'polar-day' };
  const hourAngle = Math.acos(cosHourAngle) / RAD;
  // Whole minutes, as shown: `is_day` then agrees exactly with the sunrise and sunset on display.
  const at = (offset: number) =>
    utcMidnight + Math.round(meanNoonMinutes - 4 * offset - eqTime) * 60_000;
  return { kind: 'normal', sunrise: at(hourAngle), sunset: at(-hourAngle) };
}

/** True between sunrise and sunset (of the solar day nearest to `instant`). */
export function isDaylight(latitude: number, longitude: number, instant: number): boolean {
  const sun = sunTimes(latitude, longitude, instant);
  if (sun.kind !== 'normal') return sun.kind === 'polar-day';
  return instant >= sun.sunrise && instant < sun.sunset;
}
