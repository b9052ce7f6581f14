/**
 * The app's icons as PNGs (what the web app manifest and iOS need), drawn by
 * Debian's Chromium from the SVGs in icons/ into public/icons/. Run after
 * changing an SVG; the PNGs are committed.
 *
 * @example
 * pnpm --filter @skycast/web icons
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.ts';

const webDir = path.resolve(import.meta.dirname, '..');

/** Each PNG: its source, its size in pixels. */
const ICONS = [
  { source: 'app-icon.svg', out: 'icon-192.png', size: 192 },
  { source: 'app-icon.svg', out: 'icon-512.png', size: 512 },
  { source: 'app-icon-maskable.svg', out: 'icon-maskable-512.png', size: 512 },
  // iOS ignores the manifest's icons and draws its own rounded corners on a full square.
  { source: 'app-icon-maskable.svg', out: 'apple-touch-icon.png', size: 180 },
];

const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (const icon of ICONS) {
    const svg = await readFile(path.join(webDir, 'icons', icon.source), 'utf8');
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(
      `<body style="margin:0"><img style="display:block;width:${icon.size}px;height:${icon.size}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body>`,
    );
    await page.screenshot({
      path: path.join(webDir, 'public/icons', icon.out),
      omitBackground: true,
    });
    await page.close();
    console.log(`public/icons/${icon.out}`);
  }
} finally {
  await browser.close();
}
