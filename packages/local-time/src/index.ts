/**
 * Wall-clock time in IANA zones, on top of the time-zone database every
 * runtime ships with (Intl): used by the server, the provider stub and the
 * web app alike. Providers give local times as `YYYY-MM-DDTHH:mm` without an
 * offset, so that is the form of {@link localDateTime}.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, kept: building one costs far more than using it. */
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
      timeZoneName: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The canonical IANA name for `zone` (`utc` → `UTC`), or undefined when the runtime does not know it. */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    return formatterFor(zone).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The clock on the wall in `zone` at `instant` (epoch ms); UTC's when the zone is unknown. */
export function wallClock(zone: string, instant: number) {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = formatterFor(zone).formatToParts(instant);
  } catch {
    parts = formatterFor('UTC').formatToParts(instant);
  }
  const values: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of parts) values[part.type] = part.value;
  const number = (type: Intl.DateTimeFormatPartTypes, fallback: number) =>
    values[type] === undefined ? fallback : Number(values[type]);
  return {
    year: number('year', 1970),
    month: number('month', 1),
    day: number('day', 1),
    hour: number('hour', 0),
    minute: number('minute', 0),
    second: number('second', 0),
    /** The zone's short name: "GMT", "EST", "GMT+1". */
    zoneName: values.timeZoneName ?? zone,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * `YYYY-MM-DDTHH:mm` on the wall clock of `zone` at `instant` (epoch ms): the
 * form providers give local times in, so the two compare as strings.
 *
 * @example
 * localDateTime('Europe/Berlin', Date.parse('2026-02-23T12:37:12Z')) // '2026-02-23T13:37'
 */
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

/** The zone's short name at `instant`: "GMT", "EST", "GMT+1". */
export function zoneAbbreviation(zone: string, instant: number): string {
  return wallClock(zone, instant).zoneName;
}

/**
 * An instant (ISO 8601) as "HH:mm" on the clocks at `zone`; in UTC when the
 * zone is unknown.
 *
 * @example
 * clockTimeAt('2026-11-23T13:05:00Z', 'Europe/Berlin') // '14:05'
 */
export function clockTimeAt(instant: string, zone: string): string {
  const c = wallClock(zone, Date.parse(instant));
  return `${pad(c.hour)}:${pad(c.minute)}`;
}
