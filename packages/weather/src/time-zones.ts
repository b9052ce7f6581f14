import tzLookup from '@photostructure/tz-lookup';

export { localDateTime, utcOffsetSeconds } from '@skycast/local-time';

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A zone that is always `offsetSeconds` from UTC. Whole hours use the IANA
 * `Etc/GMT` names, which every runtime knows (their sign is inverted by POSIX
 * convention: UTC+1 is `Etc/GMT-1`); other offsets use the `+05:45` form.
 */
export function fixedOffsetZone(offsetSeconds: number): string {
  const minutes = Math.round(offsetSeconds / 60);
  if (minutes === 0) return 'UTC';
  if (minutes % 60 === 0 && minutes >= -12 * 60 && minutes <= 14 * 60) {
    const hours = minutes / 60;
    return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
  }
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * The IANA zone at a point, from time-zone boundaries shipped with the code
 * (no call is made). Near a border it can name the neighbour's zone.
 */
export function zoneAtCoordinates(latitude: number, longitude: number): string | undefined {
  try {
    return tzLookup(latitude, longitude);
  } catch {
    return undefined;
  }
}
