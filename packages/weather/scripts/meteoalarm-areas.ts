/**
 * Builds `data/meteoalarm-areas.json` from MeteoAlarm's geocode boundaries as
 * published one file per region (`<dir>/EMMA_ID/<code>.geojson`, with alias
 * folders such as `NUTS3/` whose files are symbolic links to an EMMA_ID
 * file). Outlines are simplified and rounded so the whole of Europe stays a
 * few megabytes; see `data/README.md` for the source and licence.
 *
 *   node scripts/meteoalarm-areas.ts <dir> [<more dirs with EMMA_ID/>...]
 */
import { lstat, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import simplify from '@turf/simplify';

/** Degrees: about 200 m, well below the size of any warning region. */
const TOLERANCE = 0.002;
/** Three decimals of a degree: about 100 m. */
const round = (value: number) => Math.round(value * 1000) / 1000;
const ALIAS_KINDS = ['NUTS2', 'NUTS3', 'FIPS', 'WARNCELLID'];

type Position = number[];
type Polygon = { type: 'Polygon'; coordinates: Position[][] };
type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
interface Feature<P> {
  type: 'Feature';
  properties: P;
  geometry: Polygon | MultiPolygon;
}
interface SourceProperties {
  code: string;
  country: string;
  name: string;
  type: string;
}
interface AreaProperties {
  code: string;
  country: string;
  name: string;
  aliases: string[];
}

function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [lon, lat] of ring) {
    const point = [round(lon!), round(lat!)];
    const last = out.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

function compact(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | undefined {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept = polygons
    .map((rings) => rings.map(roundRing).filter((ring) => ring.length >= 4))
    .filter((rings) => rings.length > 0);
  if (kept.length === 0) return undefined;
  return kept.length === 1
    ? { type: 'Polygon', coordinates: kept[0]! }
    : { type: 'MultiPolygon', coordinates: kept };
}

async function main(dirs: string[]) {
  const aliases = new Map<string, string[]>();
  const [first] = dirs;
  if (!first) throw new Error('usage: meteoalarm-areas.ts <dir> [<dir>...]');
  for (const kind of ALIAS_KINDS) {
    const folder = join(first, kind);
    for (const file of await readdir(folder).catch(() => [])) {
      // Only links into EMMA_ID are MeteoAlarm's own aliases; plain files come from other sources.
      if (!(await lstat(join(folder, file))).isSymbolicLink()) continue;
      const target = basename(await readlink(join(folder, file)), '.geojson');
      const list = aliases.get(target) ?? [];
      list.push(`${kind}:${basename(file, '.geojson')}`);
      aliases.set(target, list);
    }
  }
  const features: Feature<AreaProperties>[] = [];
  for (const dir of dirs) {
    const folder = join(dir, 'EMMA_ID');
    for (const file of (await readdir(folder)).sort()) {
      const source = JSON.parse(
        await readFile(join(folder, file), 'utf8'),
      ) as Feature<SourceProperties>;
      const simplified = simplify(source, { tolerance: TOLERANCE, highQuality: true });
      const geometry = compact(simplified.geometry) ?? compact(source.geometry);
      if (!geometry) continue;
      const { code, country, name } = source.properties;
      features.push({
        type: 'Feature',
        properties: { code, country, name, aliases: (aliases.get(code) ?? []).sort() },
        geometry,
      });
    }
  }
  features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const out = new URL('../data/meteoalarm-areas.json', import.meta.url);
  const lines = features.map((feature) => JSON.stringify(feature));
  await writeFile(out, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
  console.log(`${features.length} areas written to ${out.pathname}`);
}

await main(process.argv.slice(2));
