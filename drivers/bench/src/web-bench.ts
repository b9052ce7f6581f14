import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

import { startSkycast, type RunningProcess } from './processes.ts';

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

export interface TrafficFigures {
  /** Requests of one kind the page made, and the bytes their responses took on the wire. */
  rows: { kind: string; requests: number; bytes: number }[];
}

/**
 * What a place page costs on the wire with an empty browser cache: requests
 * and transferred bytes (headers and encoded bodies), by kind.
 */
async function placePageTraffic(
  browser: Awaited<ReturnType<typeof chromium.launch>>,
  url: string,
): Promise<TrafficFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    const finished: Promise<{ kind: string; bytes: number }>[] = [];
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      const kind = path.startsWith('/trpc/')
        ? `API ${path.slice('/trpc/'.length)}`
        : request.resourceType();
      finished.push(
        request.sizes().then((sizes) => ({
          kind,
          bytes: sizes.responseHeadersSize + sizes.responseBodySize,
        })),
      );
    });
    await page.goto(url);
    await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark).length > 0,
      FORECAST_MARK,
    );
    await page.waitForLoadState('networkidle');
    const rows = new Map<string, { kind: string; requests: number; bytes: number }>();
    for (const { kind, bytes } of await Promise.all(finished)) {
      const row = rows.get(kind) ?? { kind, requests: 0, bytes: 0 };
      row.requests++;
      row.bytes += bytes;
      rows.set(kind, row);
    }
    return { rows: [...rows.values()].sort((a, b) => b.bytes - a.bytes) };
  } finally {
    await context.close();
  }
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
}): Promise<{ loads: LoadFigures[]; traffic: TrafficFigures }> {
  let server: RunningProcess | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    server = await startSkycast(options);
    const traffic = await placePageTraffic(browser, `${server.url}/place/51.51,-0.13/London`);
    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      // A new place each run: the server has not seen it yet.
      const place = `/place/${(10 + run).toFixed(2)},${(20 + run).toFixed(2)}/Bench`;
      cold.push(await timeToForecast(browser, `${server.url}${place}`));
      warm.push(await timeToForecast(browser, `${server.url}${place}`));
    }
    return {
      loads: [
        { label: 'first visit of a place (server fetches from the provider)', runs: cold },
        { label: 'place already in the server cache', runs: warm },
      ],
      traffic,
    };
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
