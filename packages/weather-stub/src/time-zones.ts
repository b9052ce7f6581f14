/** Time-zone arithmetic on top of the IANA database that ships with Node (Intl). */

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
      timeZoneName: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The canonical IANA name for `zone`, or undefined when Node does not know it. */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    return formatterFor(zone).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Offset from UTC in seconds at `instant` (epoch ms), e.g. 3600 for Berlin in winter. */
export function utcOffsetSeconds(zone: string, instant: number): number {
  const parts = partsOf(zone, instant);
  const wallClock = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return Math.round((wallClock - Math.floor(instant / 1000) * 1000) / 1000);
}

/** The zone's short name at `instant`: "GMT", "EST", "GMT+1". */
export function zoneAbbreviation(zone: string, instant: number): string {
  return partsOf(zone, instant).timeZoneName;
}

function partsOf(zone: string, instant: number) {
  const values: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) values[part.type] = part.value;
  const number = (type: string) => Number(values[type] ?? 0);
  return {
    year: number('year'),
    month: number('month'),
    day: number('day'),
    hour: number('hour'),
    minute: number('minute'),
    second: number('second'),
    timeZoneName: values.timeZoneName ?? zone,
  };
}

/** `YYYY-MM-DDTHH:mm` on the wall clock `offsetSeconds` away from UTC. */
export function localDateTime(instant: number, offsetSeconds: number): string {
  return new Date(instant + offsetSeconds * 1000).toISOString().slice(0, 16);
}

/** `YYYY-MM-DD` on the wall clock `offsetSeconds` away from UTC. */
export function localDate(instant: number, offsetSeconds: number): string {
  return new Date(instant + offsetSeconds * 1000).toISOString().slice(0, 10);
}

/** The instant of the last local midnight at or before `instant`. */
export function startOfLocalDay(instant: number, offsetSeconds: number): number {
  const shifted = instant + offsetSeconds * 1000;
  return shifted - (((shifted % 86_400_000) + 86_400_000) % 86_400_000) - offsetSeconds * 1000;
}
