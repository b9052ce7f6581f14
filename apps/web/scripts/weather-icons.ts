/**
 * The weather icons the app uses, copied from Meteocons (`@bybas/weather-icons`,
 * MIT, by Bas Milius) into src/weather/icons/ as still images: the package's
 * SMIL animations are taken out, so 60 icons on a page cost no CPU and nothing
 * moves for people who asked for less motion. Only the icons named here are
 * copied; the app loads each as an image URL, never inlined in JavaScript.
 * Run after changing the list; the SVGs are committed.
 *
 * @example
 * pnpm --filter @skycast/web weather-icons
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { ICON_NAMES } from '../src/weather/icon-names.ts';

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('@bybas/weather-icons/package.json'));
const sourceDir = path.join(packageDir, 'production/fill/all');
const outDir = path.resolve(import.meta.dirname, '../src/weather/icons');

/** `<animate…/>`, `<animateTransform…/>` and their long forms. */
const ANIMATION = /<(animate\w*)\b[^>]*?(\/>|>[\s\S]*?<\/\1>)/g;

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
for (const name of ICON_NAMES) {
  const svg = await readFile(path.join(sourceDir, `${name}.svg`), 'utf8');
  const still = svg.replace(ANIMATION, '');
  if (/<animate/.test(still)) throw new Error(`${name}.svg: an animation was left in`);
  await writeFile(path.join(outDir, `${name}.svg`), still);
}
await writeFile(
  path.join(outDir, 'LICENSE'),
  await readFile(path.join(packageDir, 'LICENSE'), 'utf8'),
);
console.log(`${ICON_NAMES.length} icons written to ${path.relative(process.cwd(), outDir)}`);
