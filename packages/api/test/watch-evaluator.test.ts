import { describe, expect, it } from 'vitest';

import { localDateTime } from '@skycast/local-time';
import { ALWAYS, type WatchRule, type WatchSchedule } from '@skycast/validators';
import type { HourlyEntry, ProviderForecast, WeatherAlert } from '@skycast/weather';

import { evaluateWatch, type CellWeather, type WatchState } from '../src/watches/evaluate.ts';
import { describeEvent } from '../src/watches/messages.ts';
import { FORECAST_FRESHNESS, watchRoundView } from '../src/weather/weather-service.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A forecast as the cache holds it, on the wall clock of `zone`: hourly from
 * `from` for `hours`, and 15-minute steps over the same span, with values
 * from the given functions of the UTC instant.
 */
function forecastFixture(options: {
  zone: string;
  from: number;
  hours?: number;
  temperature?: (instant: number) => number;
  rain?: (instant: number) => number;
  gusts?: (instant: number) => number;
}): ProviderForecast {
  const { zone, from } = options;
  const hours = options.hours ?? 48;
  const hourly: HourlyEntry[] = Array.from({ length: hours }, (_, i) => {
    const instant = from + i * HOUR;
    return {
      time: localDateTime(zone, instant),
      temperature: options.temperature?.(instant) ?? 10,
      apparentTemperature: null,
      precipitationProbability: 20,
      precipitation: 0,
      weatherCode: 3,
      windSpeed: 10,
      humidity: null,
      isDay: null,
      windGusts: options.gusts?.(instant) ?? 20,
      cloudCover: null,
      dewPoint: null,
      uvIndex: 1,
    };
  });
  const steps = Array.from({ length: hours * 4 }, (_, i) => {
    const end = from + (i + 1) * 15 * MINUTE;
    const mm = (options.rain?.(end - 15 * MINUTE) ?? 0) / 4;
    return { time: localDateTime(zone, end), precipitation: mm, rain: mm, snowfall: 0 };
  });
  const dates = [...new Set(hourly.map((hour) => hour.time.slice(0, 10)))];
  return {
    location: { latitude: 52.52, longitude: 13.41, timezone: zone },
    current: {
      time: hourly[0]!.time,
      temperature: 10,
      apparentTemperature: 10,
      humidity: 80,
      windSpeed: 10,
      windDirection: 0,
      windGusts: 20,
      weatherCode: 3,
      isDay: true,
      precipitation: 0,
      pressure: null,
      cloudCover: null,
      uvIndex: null,
      visibility: null,
    },
    hourly,
    daily: dates.map((date) => ({
      date,
      temperatureMax: 14,
      temperatureMin: 3,
      weatherCode: 3,
      precipitationSum: 0,
      precipitationProbabilityMax: 40,
      sunrise: `${date}T07:30`,
      polar: null,
      sunset: `${date}T16:30`,
      uvIndexMax: 1,
    })),
    minutely15: { interpolated: false, steps },
  };
}

const weatherOf = (forecast: ProviderForecast, alerts: WeatherAlert[] = []): CellWeather => ({
  forecast,
  alerts,
  airQuality: null,
});

/** Runs a watch every 15 minutes from `from` to `until`, carrying its state; returns the events with when. */
function run(
  rule: WatchRule,
  weather: CellWeather,
  zone: string,
  from: number,
  until: number,
  schedule: WatchSchedule = ALWAYS,
) {
  const state: WatchState = { rule, schedule, conditionMet: false };
  const fired: { at: string; key: string }[] = [];
  for (let now = from; now <= until; now += 15 * MINUTE) {
    const result = evaluateWatch(state, weather, zone, now);
    state.conditionMet = result.conditionMet;
    for (const event of result.events)
      fired.push({ at: new Date(now).toISOString().slice(0, 16), key: event.key });
  }
  return fired;
}

const rainSoon: WatchRule = { kind: 'rain-starts', withinMinutes: 30, intensity: 'light' };

describe('watch evaluator', () => {
  it('fires a rain watch once, within its lead time, when rain approaches', () => {
    const start = Date.parse('2026-06-10T10:00:00Z');
    const rainAt = Date.parse('2026-06-10T14:15:00Z');
    const forecast = forecastFixture({
      zone: 'Europe/Berlin',
      from: start,
      rain: (instant) => (instant >= rainAt && instant < rainAt + 2 * HOUR ? 1.5 : 0),
    });
    const fired = run(rainSoon, weatherOf(forecast), 'Europe/Berlin', start, start + 8 * HOUR);
    // 30 minutes ahead of 16:15 Berlin time (14:15 UTC), keyed by the rain's local start.
    expect(fired).toEqual([{ at: '2026-06-10T13:45', key: 'rain-starts:2026-06-10T16:15' }]);
  });

  it('never takes rain before now as coming: past wet steps neither fire "rain starts" nor "rain stops"', () => {
    // Stored as Open-Meteo answers it: 48 hours of past steps, then the coming ones.
    const now = Date.parse('2026-06-12T10:00:00Z');
    const start = now - 48 * HOUR;
    const forecast = forecastFixture({
      zone: 'Europe/Berlin',
      from: start,
      hours: 54,
      // Heavy rain up to this very quarter hour, dry from now on.
      rain: (instant) => (instant >= start + 6 * HOUR && instant < now ? 9 : 0),
    });
    expect(forecast.minutely15!.steps[0]!.time < localDateTime('Europe/Berlin', now)).toBe(true);
    for (const rule of [rainSoon, { kind: 'rain-stops' } as const]) {
      for (const conditionMet of [false, true]) {
        const state: WatchState = { rule, schedule: ALWAYS, conditionMet };
        expect(evaluateWatch(state, weatherOf(forecast), 'Europe/Berlin', now)).toEqual({
          conditionMet: false,
          events: [],
        });
      }
    }
    // The same rain a quarter hour on is coming, and is news.
    const later = forecastFixture({
      zone: 'Europe/Berlin',
      from: start,
      hours: 54,
      rain: (instant) => (instant >= now + 15 * MINUTE ? 9 : 0),
    });
    const state: WatchState = { rule: rainSoon, schedule: ALWAYS, conditionMet: false };
    expect(evaluateWatch(state, weatherOf(later), 'Europe/Berlin', now).events).toEqual([
      expect.objectContaining({ kind: 'rain-starts', minutes: 15 }),
    ]);
  });

  it('reads forecast times on the provider’s clock when it answered in another zone than the place’s', () => {
    const start = Date.parse('2026-06-10T10:00:00Z');
    const rainAt = Date.parse('2026-06-10T14:15:00Z');
    // The provider answered in GMT; the place (and its schedule) is in Berlin.
    const forecast = forecastFixture({
      zone: 'GMT',
      from: start,
      rain: (instant) => (instant >= rainAt ? 1.5 : 0),
    });
    const fired = run(rainSoon, weatherOf(forecast), 'Europe/Berlin', start, start + 8 * HOUR);
    expect(fired).toEqual([{ at: '2026-06-10T13:45', key: 'rain-starts:2026-06-10T14:15' }]);
  });

  it('notifies once when rain hovers around the threshold (hysteresis)', () => {
    const start = Date.parse('2026-06-10T10:00:00Z');
    // Moderate is 2.5 mm/h: readings alternate 2.6 and 1.8, never below half of it.
    const forecast = forecastFixture({
      zone: 'Europe/Berlin',
      from: start,
      rain: (instant) =>
        instant < start + 2 * HOUR ? 0 : Math.floor(instant / (15 * MINUTE)) % 2 ? 2.6 : 1.8,
    });
    const fired = run(
      { kind: 'rain-starts', withinMinutes: 60, intensity: 'moderate' },
      weatherOf(forecast),
      'Europe/Berlin',
      start,
      start + 10 * HOUR,
    );
    expect(fired).toHaveLength(1);
  });

  it('fires a temperature watch again only after the value has moved back past the margin', () => {
    const start = Date.parse('2026-01-10T00:00:00Z');
    // 0.5 °C, -0.5 °C, 0.5 °C…: hovering around 0 fires once; a warm spell then a frost fires twice.
    const hovering = forecastFixture({
      zone: 'Europe/Berlin',
      from: start,
      hours: 72,
      temperature: (instant) => (Math.floor(instant / HOUR) % 2 ? 0.5 : -0.5),
    });
    const rule: WatchRule = {
      kind: 'temperature',
      direction: 'below',
      threshold: 0,
      horizon: { hours: 2 },
    };
    expect(run(rule, weatherOf(hovering), 'Europe/Berlin', start, start + 40 * HOUR)).toHaveLength(
      1,
    );

    const spells = forecastFixture({
      zone: 'Europe/Berlin',
      from: start,
      hours: 72,
      temperature: (instant) => (Math.floor((instant - start) / (12 * HOUR)) % 2 ? 5 : -2),
    });
    expect(run(rule, weatherOf(spells), 'Europe/Berlin', start, start + 40 * HOUR)).toHaveLength(2);
  });

  it('sends the morning summary at 07:00 on the place’s clock across the change to summer time', () => {
    // Berlin goes from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026.
    const start = Date.parse('2026-03-27T12:00:00Z');
    const forecast = forecastFixture({ zone: 'Europe/Berlin', from: start, hours: 96 });
    const fired = run(
      { kind: 'daily-summary', at: '07:00' },
      weatherOf(forecast),
      'Europe/Berlin',
      start,
      start + 72 * HOUR,
    );
    expect(fired).toEqual([
      { at: '2026-03-28T06:00', key: 'daily-summary:2026-03-28' },
      { at: '2026-03-29T05:00', key: 'daily-summary:2026-03-29' },
      { at: '2026-03-30T05:00', key: 'daily-summary:2026-03-30' },
    ]);
  });

  it('reads the schedule in the place’s time zone', () => {
    const start = Date.parse('2026-06-10T00:00:00Z');
    const weekdaysMorning: WatchSchedule = {
      days: [1, 2, 3, 4, 5],
      from: '06:00',
      until: '09:00',
      quiet: null,
    };
    const rule: WatchRule = { kind: 'daily-summary', at: '06:30' };
    // 2026-06-10 is a Wednesday; 2026-06-13 a Saturday.
    const tokyo = run(
      rule,
      weatherOf(forecastFixture({ zone: 'Asia/Tokyo', from: start, hours: 120 })),
      'Asia/Tokyo',
      start,
      start + 96 * HOUR,
      weekdaysMorning,
    );
    const newYork = run(
      rule,
      weatherOf(forecastFixture({ zone: 'America/New_York', from: start, hours: 120 })),
      'America/New_York',
      start,
      start + 96 * HOUR,
      weekdaysMorning,
    );
    expect(tokyo.map((e) => e.at)).toEqual(['2026-06-10T21:30', '2026-06-11T21:30']);
    expect(tokyo.map((e) => e.key)).toEqual([
      'daily-summary:2026-06-11',
      'daily-summary:2026-06-12',
    ]);
    expect(newYork.map((e) => e.at)).toEqual([
      '2026-06-10T10:30',
      '2026-06-11T10:30',
      '2026-06-12T10:30',
    ]);
  });

  it('holds back during quiet hours and notifies when they end if the condition still holds', () => {
    const start = Date.parse('2026-06-10T18:00:00Z'); // 20:00 in Berlin
    const rainAt = Date.parse('2026-06-10T21:00:00Z'); // 23:00, inside 22:00–07:00 quiet hours
    const forecast = forecastFixture({
      zone: 'Europe/Berlin',
      from: start,
      rain: (instant) => (instant >= rainAt ? 1 : 0),
    });
    const quietNights: WatchSchedule = { ...ALWAYS, quiet: { from: '22:00', until: '07:00' } };
    const fired = run(
      { kind: 'rain-starts', withinMinutes: 60, intensity: 'light' },
      weatherOf(forecast),
      'Europe/Berlin',
      start,
      start + 16 * HOUR,
      quietNights,
    );
    // Rain that started in the night is no news at 07:00: nothing is sent.
    expect(fired).toEqual([]);

    const morningRain = Date.parse('2026-06-11T05:30:00Z'); // 07:30 Berlin
    const later = forecastFixture({
      zone: 'Europe/Berlin',
      from: start,
      rain: (instant) => (instant >= morningRain ? 1 : 0),
    });
    const morning = run(
      { kind: 'rain-starts', withinMinutes: 60, intensity: 'light' },
      weatherOf(later),
      'Europe/Berlin',
      start,
      start + 16 * HOUR,
      quietNights,
    );
    // Due at 06:30 Berlin, held until quiet hours end at 07:00 (05:00 UTC).
    expect(morning).toEqual([{ at: '2026-06-11T05:00', key: 'rain-starts:2026-06-11T07:30' }]);
  });

  it('sends each warning at or above the severity once per severity, muted events never', () => {
    const now = Date.parse('2026-06-10T12:00:00Z');
    const forecast = forecastFixture({ zone: 'Europe/Berlin', from: now });
    const warning = (event: string, severity: WeatherAlert['severity']): WeatherAlert => ({
      id: `${event}-${severity}`,
      event,
      severity,
      urgency: 'expected',
      certainty: 'likely',
      onset: '2026-06-10T15:00:00Z',
      expires: '2026-06-10T23:00:00Z',
      sender: 'Deutscher Wetterdienst',
      language: null,
      otherLanguages: [],
      headline: `${event} warning`,
      description: '',
      instruction: null,
      area: 'Berlin',
    });
    const rule: WatchRule = { kind: 'warning', minSeverity: 'moderate', mutedEvents: ['Frost'] };
    const state: WatchState = { rule, schedule: ALWAYS, conditionMet: false };
    const evaluate = (alerts: WeatherAlert[]) =>
      evaluateWatch(state, weatherOf(forecast, alerts), 'Europe/Berlin', now).events.map(
        (e) => e.key,
      );
    expect(evaluate([warning('Frost', 'severe'), warning('Wind', 'minor')])).toEqual([]);
    const issued = evaluate([warning('Wind', 'moderate')]);
    const upgraded = evaluate([warning('Wind', 'severe')]);
    expect(issued).toHaveLength(1);
    expect(upgraded).toHaveLength(1);
    expect(upgraded[0]).not.toBe(issued[0]);
    // Re-issued under a new id at the same severity: the same key, so it is not sent twice.
    expect(evaluate([{ ...warning('Wind', 'moderate'), id: 'reissued' }])).toEqual(issued);
  });

  it('words a notification in Arabic with the person’s place name and the place’s time', () => {
    const text = describeEvent(
      { kind: 'rain-starts', key: 'k', at: '2026-06-10T16:15', minutes: 20, intensity: 'light' },
      'البيت',
      { language: 'ar', temperature: 'metric', wind: 'kmh' },
    );
    expect(text.title).toMatch(/^البيت: مطر خلال/);
    expect(text.title).toMatch(/(20|٢٠) دقيقة/);
    expect(text.body).toMatch(/مطر خفيف ابتداءً من (16:15|١٦:١٥)/);
    const german = describeEvent(
      {
        kind: 'temperature',
        key: 'k',
        direction: 'below',
        value: -2,
        at: '2026-01-10T03:00',
        tonight: true,
      },
      'Zuhause',
      { language: 'de', temperature: 'metric', wind: 'kmh' },
    );
    expect(german.title).toBe('Zuhause: -2 °C heute Nacht');
  });

  it('fires "unusually warm tomorrow" once per date when tomorrow’s high is above the date’s p90, holding within a degree', () => {
    const start = Date.parse('2026-12-07T06:00:00Z');
    const forecast = forecastFixture({ zone: 'Europe/Berlin', from: start, hours: 96 });
    // The fixture's highs are 14 °C every day.
    const tails = (highP90: number) =>
      new Map(
        ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10'].map((date) => [
          date,
          { highP90, lowP10: -5 },
        ]),
      );
    const rule: WatchRule = { kind: 'unusual-tomorrow', direction: 'warm' };
    const fired = run(
      rule,
      { ...weatherOf(forecast), normals: tails(12) },
      'Europe/Berlin',
      start,
      start + 40 * HOUR,
    );
    // Evaluated every 15 minutes: once for 8 December, once for 9 December after midnight.
    expect([...new Set(fired.map((event) => event.key))]).toEqual([
      'unusual-warm:2026-12-08',
      'unusual-warm:2026-12-09',
    ]);
    expect(fired[0]).toEqual({ at: '2026-12-07T06:00', key: 'unusual-warm:2026-12-08' });

    // 14 °C against a p90 of 14.5: not beyond it, nothing sent, though a watch already met stays met.
    const within = { ...weatherOf(forecast), normals: tails(14.5) };
    const met = evaluateWatch(
      { rule, schedule: ALWAYS, conditionMet: true },
      within,
      'Europe/Berlin',
      start,
    );
    expect(met).toEqual({ conditionMet: true, events: [] });
    const unmet = evaluateWatch(
      { rule, schedule: ALWAYS, conditionMet: false },
      within,
      'Europe/Berlin',
      start,
    );
    expect(unmet).toEqual({ conditionMet: false, events: [] });
    // More than a degree inside the band: no longer met.
    const inside = evaluateWatch(
      { rule, schedule: ALWAYS, conditionMet: true },
      { ...weatherOf(forecast), normals: tails(15.5) },
      'Europe/Berlin',
      start,
    );
    expect(inside.conditionMet).toBe(false);
  });

  it('fires "unusually cold tomorrow" on tomorrow’s low below the p10, and waits without normals', () => {
    const start = Date.parse('2026-12-07T06:00:00Z');
    const forecast = forecastFixture({ zone: 'Europe/Berlin', from: start, hours: 48 });
    const rule: WatchRule = { kind: 'unusual-tomorrow', direction: 'cold' };
    // The fixture's lows are 3 °C.
    const cold = evaluateWatch(
      { rule, schedule: ALWAYS, conditionMet: false },
      { ...weatherOf(forecast), normals: new Map([['2026-12-08', { highP90: 20, lowP10: 4 }]]) },
      'Europe/Berlin',
      start,
    );
    expect(cold.events).toEqual([
      {
        kind: 'unusual-tomorrow',
        key: 'unusual-cold:2026-12-08',
        direction: 'cold',
        date: '2026-12-08',
        value: 3,
        bound: 4,
      },
    ]);
    expect(
      evaluateWatch(
        { rule, schedule: ALWAYS, conditionMet: false },
        weatherOf(forecast),
        'Europe/Berlin',
        start,
      ),
    ).toMatchObject({ skipped: 'no-data', events: [] });
  });

  it('words "unusual tomorrow" in all five languages, with a decimal where whole degrees would look equal', () => {
    const event = {
      kind: 'unusual-tomorrow',
      key: 'k',
      direction: 'warm',
      date: '2026-12-08',
      value: 16.8,
      bound: 16.6,
    } as const;
    const words = (language: 'en' | 'de' | 'es' | 'fr' | 'ar') =>
      describeEvent(event, 'Home', { language, temperature: 'metric', wind: 'kmh' });
    expect(words('en')).toEqual({
      title: 'Home: unusually warm tomorrow',
      body: 'High of 16.8°C on Tuesday 8 December, above 16.6°C: the warmest 10 % for the date (1991–2020).',
    });
    expect(words('de').title).toBe('Home: morgen ungewöhnlich warm');
    expect(words('de').body).toMatch(/^Höchstwert 16,8 °C am Dienstag, 8\. Dezember, über 16,6 °C/);
    expect(words('es').title).toBe('Home: mañana inusualmente cálido');
    expect(words('fr').title).toBe('Home : demain inhabituellement doux');
    expect(words('ar').title).toBe('Home: غدًا أدفأ من المعتاد');
    const cold = describeEvent({ ...event, direction: 'cold', value: -9, bound: -6 }, 'Home', {
      language: 'en',
      temperature: 'imperial',
      wind: 'kmh',
    });
    expect(cold.title).toBe('Home: unusually cold tomorrow');
    expect(cold.body).toMatch(/^Low of 16°F on Tuesday 8 December, below 21°F/);
  });

  it('decides every kind the same on the round’s slice of a forecast as on the whole, while the slice is kept', () => {
    // 18 days from two days back, as stored: varying temperature, gusts and rain.
    const start = Date.parse('2026-12-05T00:00:00Z');
    const whole = forecastFixture({
      zone: 'America/New_York',
      from: start,
      hours: 18 * 24,
      temperature: (instant) => 6 * Math.sin(instant / (7 * HOUR)),
      gusts: (instant) => 40 + 30 * Math.sin(instant / (5 * HOUR)),
      rain: (instant) => (Math.floor(instant / (3 * HOUR)) % 3 === 0 ? 2 : 0),
    });
    const rules: WatchRule[] = [
      rainSoon,
      { kind: 'rain-stops' },
      { kind: 'temperature', direction: 'below', threshold: -4, horizon: { tonight: true } },
      { kind: 'temperature', direction: 'above', threshold: 5, horizon: { hours: 72 } },
      { kind: 'gusts', threshold: 69, hours: 72 },
      { kind: 'uv', threshold: 1, hours: 72 },
      { kind: 'daily-summary', at: '07:00' },
      {
        kind: 'all-of',
        conditions: [
          { metric: 'temperature', direction: 'below', value: 3 },
          { metric: 'windGusts', direction: 'above', value: 45 },
        ],
      },
    ];
    let compared = 0;
    // Derived at every hour of two days (before sunrise, by day, after sunset), then used up to its freshness.
    for (
      let derived = start + 2 * 24 * HOUR;
      derived < start + 4 * 24 * HOUR;
      derived += HOUR + 7 * MINUTE
    ) {
      const slice = watchRoundView.derive({ data: whole }, new Date(derived));
      expect(slice.hourly.length).toBeLessThan(whole.hourly.length / 4);
      for (const later of [0, 5 * MINUTE, FORECAST_FRESHNESS.freshForMs]) {
        for (const rule of rules) {
          for (const conditionMet of [false, true]) {
            const state: WatchState = { rule, schedule: ALWAYS, conditionMet };
            const now = derived + later;
            expect(evaluateWatch(state, weatherOf(slice), 'Europe/Paris', now)).toEqual(
              evaluateWatch(state, weatherOf(whole), 'Europe/Paris', now),
            );
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
