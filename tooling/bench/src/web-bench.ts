import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

import { startNodeServer, type RunningProcess } from './processes.ts';

export interface Chunk {
  file: string;
  /** Loaded by index.html itself (script or modulepreload), before any lazy import. */
  initial: boolean;
  bytes: number;
  gzipBytes: number;
}

/** Every JavaScript and CSS file of the production build, with its gzip size. */
export async function measureBundle(distDir: string): Promise<Chunk[]> {
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const assetsDir = path.join(distDir, 'assets');
  const files = (await readdir(assetsDir)).filter((file) => /\.(js|css)$/.test(file));
  const chunks = await Promise.all(
    files.map(async (file) => {
      const content = await readFile(path.join(assetsDir, file));
      return {
        file: `assets/${file}`,
        initial: html.includes(`/assets/${file}`),
        bytes: content.length,
        gzipBytes: gzipSync(content, { level: 9 }).length,
      };
    }),
  );
  return chunks.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
}

export interface LoadFigures {
  label: string;
  runs: number[];
}

/** The User Timing mark the app sets when the first forecast is on screen. */
const FORECAST_MARK = 'skycast:forecast-visible';

/**
 * Milliseconds from navigation start to the forecast on screen, in headless
 * Chromium with an empty browser cache each time, against the production
 * build served by the real server. The first load of each place finds the
 * server's cache empty (a provider round trip); the others find it warm.
 */
export async function measureLoads(options: {
  repoRoot: string;
  databaseUrl: string;
  stubUrl: string;
  runs: number;
}): Promise<LoadFigures[]> {
  let server: RunningProcess | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    server = await startNodeServer({
      script: path.join(options.repoRoot, 'apps/api/src/main.ts'),
      env: {
        DATABASE_URL: options.databaseUrl,
        OPEN_METEO_URL: options.stubUrl,
        OPEN_METEO_GEOCODING_URL: options.stubUrl,
        OPEN_METEO_AIR_QUALITY_URL: options.stubUrl,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      },
      readyPath: '/readyz',
    });
    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      // A new place each run: the server has not seen it yet.
      const place = `/place/${(10 + run).toFixed(2)},${(20 + run).toFixed(2)}/Bench`;
      cold.push(await timeToForecast(browser, `${server.url}${place}`));
      warm.push(await timeToForecast(browser, `${server.url}${place}`));
    }
    return [
      { label: 'first visit of a place (server fetches from the provider)', runs: cold },
      { label: 'place already in the server cache', runs: warm },
    ];
  } finally {
    await browser.close();
    await server?.stop();
  }
}

async function timeToForecast(
  browser: Awaited<ReturnType<typeof chromium.launch>>,
  url: string,
): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const handle = await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark)[0]?.startTime,
      FORECAST_MARK,
      { timeout: 30_000 },
    );
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}
