import { evaluateWatch, type WatchEvent, type WatchState } from './evaluate.ts';

/** Preview steps: every 15 minutes, as a round at the default interval would. */
const PREVIEW_STEP_MS = 15 * 60_000;
const PREVIEW_HOURS = 48;
export const PREVIEW_MAX_EVENTS = 50;

/**
 * A watch evaluated as the server would every 15 minutes over the last 48
 * hours before `until`, from the stored weather; at most
 * {@link PREVIEW_MAX_EVENTS} events. `from` is the first step with data (null
 * when none had any). `state` is the watch's starting state and is advanced.
 *
 * @example
 * const { from, events } = previewEvents(state, weather, 'Europe/Berlin', Date.now());
 */
export function previewEvents(
  state: WatchState,
  weather: Parameters<typeof evaluateWatch>[1],
  zone: string,
  until: number,
): { from: number | null; events: { at: number; event: WatchEvent }[] } {
  const start = Math.ceil((until - PREVIEW_HOURS * 3_600_000) / PREVIEW_STEP_MS) * PREVIEW_STEP_MS;
  const events: { at: number; event: WatchEvent }[] = [];
  let from: number | null = null;
  const keys = new Set<string>();
  for (let at = start; at <= until && events.length < PREVIEW_MAX_EVENTS; at += PREVIEW_STEP_MS) {
    const result = evaluateWatch(state, weather, zone, at);
    if (result.skipped === 'no-data') continue;
    from ??= at;
    state.conditionMet = result.conditionMet;
    // A keyed event (an unusual tomorrow) is a candidate every step but sent once.
    const fresh = result.events.filter((event) => !keys.has(event.key));
    for (const event of fresh) keys.add(event.key);
    for (const event of fresh.slice(0, PREVIEW_MAX_EVENTS - events.length))
      events.push({ at, event });
  }
  return { from, events };
}

/** The UTC dates from two days back to tomorrow: those an "unusual tomorrow" preview may compare with. */
export function previewNormalDates(until: number): string[] {
  return [-2, -1, 0, 1].map((days) =>
    new Date(until + days * 86_400_000).toISOString().slice(0, 10),
  );
}
