import { describe, expect, it } from 'vitest';

import { weatherCodeSchema, wmoCodeForOpenWeather } from '../src/index.ts';

/** Every condition id OpenWeather documents, by group. */
const DOCUMENTED = {
  thunderstorm: [200, 201, 202, 210, 211, 212, 221, 230, 231, 232],
  drizzle: [300, 301, 302, 310, 311, 312, 313, 314, 321],
  rain: [500, 501, 502, 503, 504, 511, 520, 521, 522, 531],
  snow: [600, 601, 602, 611, 612, 613, 615, 616, 620, 621, 622],
  atmosphere: [701, 711, 721, 731, 741, 751, 761, 762, 771, 781],
  clear: [800],
  clouds: [801, 802, 803, 804],
};

describe('wmoCodeForOpenWeather', () => {
  it('maps every documented id onto a valid WMO code', () => {
    for (const id of Object.values(DOCUMENTED).flat()) {
      const code = wmoCodeForOpenWeather(id);
      expect(code, `id ${id}`).toBeDefined();
      expect(weatherCodeSchema.safeParse(code).success, `id ${id} → ${code}`).toBe(true);
    }
  });

  it.each([
    [800, 0, 'clear sky'],
    [801, 1, 'few clouds → mainly clear'],
    [802, 2, 'scattered clouds → partly cloudy'],
    [803, 3, 'broken clouds → overcast'],
    [804, 3, 'overcast clouds'],
    [741, 45, 'fog'],
    [300, 51, 'light drizzle'],
    [301, 53, 'drizzle'],
    [302, 55, 'heavy drizzle'],
    [500, 61, 'light rain'],
    [501, 63, 'moderate rain'],
    [502, 65, 'heavy rain'],
    [504, 65, 'extreme rain'],
    [511, 66, 'freezing rain'],
    [520, 80, 'light shower rain'],
    [521, 81, 'shower rain'],
    [522, 82, 'heavy shower rain'],
    [600, 71, 'light snow'],
    [601, 73, 'snow'],
    [602, 75, 'heavy snow'],
    [620, 85, 'light shower snow'],
    [621, 86, 'shower snow'],
    [200, 95, 'thunderstorm with light rain'],
    [232, 95, 'thunderstorm with heavy drizzle'],
  ])('maps %i to %i (%s)', (id, wmo) => {
    expect(wmoCodeForOpenWeather(id)).toBe(wmo);
  });

  it('keeps each group in its WMO family', () => {
    for (const id of DOCUMENTED.thunderstorm) expect(wmoCodeForOpenWeather(id)).toBe(95);
    for (const id of DOCUMENTED.drizzle) {
      expect([51, 53, 55, 80, 81, 82]).toContain(wmoCodeForOpenWeather(id));
    }
    for (const id of DOCUMENTED.rain) {
      expect([61, 63, 65, 66, 80, 81, 82]).toContain(wmoCodeForOpenWeather(id));
    }
    for (const id of DOCUMENTED.snow) {
      expect([71, 73, 75, 77, 85, 86]).toContain(wmoCodeForOpenWeather(id));
    }
    // Nothing in the atmosphere group claims precipitation (WMO 50 and above).
    for (const id of DOCUMENTED.atmosphere) expect(wmoCodeForOpenWeather(id)).toBeLessThan(50);
  });

  it('gives the dust, smoke and storm conditions their own WMO codes rather than "fog"', () => {
    expect(wmoCodeForOpenWeather(701)).toBe(10); // mist
    expect(wmoCodeForOpenWeather(711)).toBe(4); // smoke
    expect(wmoCodeForOpenWeather(721)).toBe(5); // haze
    expect(wmoCodeForOpenWeather(761)).toBe(6); // dust
    expect(wmoCodeForOpenWeather(781)).toBe(19); // tornado
  });

  it('maps an id OpenWeather adds later to its group, and rejects ids in no group', () => {
    expect(wmoCodeForOpenWeather(299)).toBe(95);
    expect(wmoCodeForOpenWeather(399)).toBe(53);
    expect(wmoCodeForOpenWeather(599)).toBe(63);
    expect(wmoCodeForOpenWeather(699)).toBe(73);
    expect(wmoCodeForOpenWeather(799)).toBe(45);
    expect(wmoCodeForOpenWeather(805)).toBe(3);
    for (const id of [0, 100, 199, 404, 810, 900, 906, 1.5, -800]) {
      expect(wmoCodeForOpenWeather(id), `id ${id}`).toBeUndefined();
    }
  });
});
