import { describe, expect, it } from 'vitest';

import { indexAreas } from '../src/alerts/meteoalarm-areas.ts';
import { meteoAlarmAreas, meteoAlarmFeedAt } from '../src/index.ts';

/**
 * A point in each of MeteoAlarm's member countries (its capital, or the main
 * city), the feed that covers it, and the country part of its region codes.
 */
const MEMBERS: [feed: string, latitude: number, longitude: number, prefix: string][] = [
  ['austria', 48.21, 16.37, 'AT'],
  ['belgium', 50.85, 4.35, 'BE'],
  ['bosnia-herzegovina', 43.86, 18.41, 'BA'],
  ['bulgaria', 42.7, 23.32, 'BG'],
  ['croatia', 45.81, 15.98, 'HR'],
  ['cyprus', 35.17, 33.36, 'CY'],
  ['czech-republic', 50.08, 14.44, 'CZ'],
  ['denmark', 55.68, 12.57, 'DK'],
  ['estonia', 59.44, 24.75, 'EE'],
  ['finland', 60.17, 24.94, 'FI'],
  ['france', 48.85, 2.35, 'FR'],
  ['germany', 52.52, 13.41, 'DE'],
  ['greece', 37.98, 23.73, 'GR'],
  ['hungary', 47.5, 19.04, 'HU'],
  // Reykjavík's harbour lies just outside the coarse coastline: the nearest region is taken.
  ['iceland', 64.15, -21.94, 'IS'],
  ['ireland', 53.35, -6.26, 'IE'],
  ['israel', 31.77, 35.21, 'IL'],
  ['italy', 41.9, 12.5, 'IT'],
  ['latvia', 56.95, 24.11, 'LV'],
  // MeteoSwiss warns for Liechtenstein within its own regions.
  ['liechtenstein', 47.14, 9.52, 'CH'],
  ['lithuania', 54.69, 25.28, 'LT'],
  ['luxembourg', 49.61, 6.13, 'LU'],
  ['malta', 35.9, 14.51, 'MT'],
  ['moldova', 47.01, 28.86, 'MD'],
  ['montenegro', 42.44, 19.26, 'ME'],
  ['netherlands', 52.37, 4.9, 'NL'],
  ['republic-of-north-macedonia', 42.0, 21.43, 'MK'],
  ['norway', 59.91, 10.75, 'NO'],
  ['poland', 52.23, 21.01, 'PL'],
  ['portugal', 38.72, -9.14, 'PT'],
  ['romania', 44.43, 26.1, 'RO'],
  ['serbia', 44.79, 20.45, 'RS'],
  ['slovakia', 48.15, 17.11, 'SK'],
  ['slovenia', 46.06, 14.51, 'SI'],
  ['spain', 40.42, -3.7, 'ES'],
  ['sweden', 59.33, 18.07, 'SE'],
  ['switzerland', 46.95, 7.45, 'CH'],
  ['united-kingdom', 51.51, -0.13, 'UK'],
];

const emmaIds = (codes: Set<string>) =>
  [...codes].filter((code) => code.startsWith('EMMA_ID:')).map((code) => code.slice(8));

describe("MeteoAlarm's region boundaries", () => {
  it.each(MEMBERS)(
    'places %s by its own region codes',
    async (feed, latitude, longitude, prefix) => {
      expect(meteoAlarmFeedAt(latitude, longitude)).toBe(feed);
      const ids = emmaIds((await meteoAlarmAreas()).codesAt(latitude, longitude));
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id.startsWith(prefix)).toBe(true);
    },
  );

  it('has no boundaries for Ukraine: its warnings are placed by polygon only', async () => {
    expect(meteoAlarmFeedAt(50.45, 30.52)).toBe('ukraine');
    expect((await meteoAlarmAreas()).codesAt(50.45, 30.52).size).toBe(0);
  });

  it('names a region by its aliases too (NUTS2, NUTS3)', async () => {
    const areas = await meteoAlarmAreas();
    expect([...areas.codesAt(48.85, 2.35)]).toContain('NUTS3:FR101');
    expect([...areas.codesAt(48.21, 16.37)]).toContain('NUTS2:AT13');
  });

  it("keeps a region's holes: Vienna is not in Lower Austria around it", async () => {
    const ids = emmaIds((await meteoAlarmAreas()).codesAt(48.21, 16.37));
    expect(ids).toContain('AT010');
    expect(ids).not.toContain('AT001');
    expect(emmaIds((await meteoAlarmAreas()).codesAt(48.3, 16.0))).toContain('AT001');
  });

  it('takes no region for a point well out at sea', async () => {
    const areas = await meteoAlarmAreas();
    // The North Sea between Scotland and Norway, and mid-Atlantic west of Ireland.
    expect(areas.codesAt(57.5, 2.5).size).toBe(0);
    expect(areas.codesAt(53, -15).size).toBe(0);
  });

  it('loads once and answers every later call from memory', async () => {
    expect(await meteoAlarmAreas()).toBe(await meteoAlarmAreas());
    expect((await meteoAlarmAreas()).size).toBeGreaterThan(2000);
  });

  it('indexes polygons with holes and multipolygons, nearest within 3 km off a coast', () => {
    const square = (x: number, y: number, size: number) =>
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ] as [number, number][];
    const areas = indexAreas([
      {
        type: 'Feature',
        properties: { code: 'XX001', country: 'XX', name: 'Ring', aliases: ['NUTS3:XX111'] },
        geometry: { type: 'Polygon', coordinates: [square(0, 0, 1), square(0.4, 0.4, 0.2)] },
      },
      {
        type: 'Feature',
        properties: { code: 'XX002', country: 'XX', name: 'Islands', aliases: [] },
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(2, 0, 0.1)], [square(3, 0, 0.1)]],
        },
      },
    ]);
    expect([...areas.codesAt(0.1, 0.1)]).toEqual(['EMMA_ID:XX001', 'NUTS3:XX111']);
    // Inside the hole, 0.1° from its edge: in no region.
    expect(areas.codesAt(0.5, 0.5).size).toBe(0);
    expect([...areas.codesAt(0.05, 3.05)]).toEqual(['EMMA_ID:XX002']);
    // 0.02° east of the first square's edge: taken; 0.05° away: not.
    expect([...areas.codesAt(0.5, 1.02)]).toEqual(['EMMA_ID:XX001', 'NUTS3:XX111']);
    expect(areas.codesAt(0.5, 1.05).size).toBe(0);
  });
});
