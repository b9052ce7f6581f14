import tzLookup from '@photostructure/tz-lookup';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function wallClock(zone: string, instant: number) {
  const values: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DDTHH:mm` on the wall clock of `zone` at `instant` (epoch ms): the form providers give local times in. */
export function localDateTime(zone: string, instant: number): string {
  const c = wallClock(zone, instant);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** Offset of `zone` from UTC at `instant` (epoch ms), in seconds: 3600 for Berlin in winter. */
export function utcOffsetSeconds(zone: string, instant: number): number {
  const c = wallClock(zone, instant);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 1000);
}

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
