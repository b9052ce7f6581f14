/** Time-zone arithmetic: zone lookups from @skycast/local-time, offset arithmetic here. */

export { canonicalTimeZone, utcOffsetSeconds, zoneAbbreviation } from '@skycast/local-time';

/** `YYYY-MM-DDTHH:mm` on the wall clock `offsetSeconds` away from UTC. */
export function dateTimeAtOffset(instant: number, offsetSeconds: number): string {
  return new Date(instant + offsetSeconds * 1000).toISOString().slice(0, 16);
}

/** `YYYY-MM-DD` on the wall clock `offsetSeconds` away from UTC. */
export function dateAtOffset(instant: number, offsetSeconds: number): string {
  return new Date(instant + offsetSeconds * 1000).toISOString().slice(0, 10);
}

/** The instant of the last local midnight at or before `instant`. */
export function startOfLocalDay(instant: number, offsetSeconds: number): number {
  const shifted = instant + offsetSeconds * 1000;
  return shifted - (((shifted % 86_400_000) + 86_400_000) % 86_400_000) - offsetSeconds * 1000;
}
