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
  // What index.html loads itself: its scripts, modulepreloads and stylesheets (it also
  // names each language's first words, for theme.js to preload just one of them).
  const loaded = new Set(
    [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/(assets\/[^"]+)"/g)].map(
      (match) => match[1],
    ),
  );
  const chunks = await Promise.all(
    files.map(async (file) => {
      const content = await readFile(path.join(assetsDir, file));
      return {
        file: `assets/${file}`,
        initial: loaded.has(`assets/${file}`),
        bytes: content.length,
        gzipBytes: gzipSync(content, { level: 9 }).length,
      };
    }),
  );
  return chunks.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
}

export interface LoadFigures {
  label: string;
  /**
   * Milliseconds from navigation start to the temperature on screen, one per
   * run: the first of the server's first view painting it and the app showing it.
   */
  runs: number[];
  /** Milliseconds to the app's own forecast on screen (React has rendered it), one per run. */
  appRendered: number[];
  /** The same page's first contentful paint, one per run. */
  firstPaint: number[];
}

/** How a page is loaded: a desktop, or a mid-range phone on a slow mobile network. */
interface Profile {
  name: string;
  /** Chromium's CPU slowdown factor (1: none). */
  cpuSlowdown: number;
  network?: { latencyMs: number; downloadBitsPerSecond: number; uploadBitsPerSecond: number };
}

const DESKTOP: Profile = { name: 'desktop', cpuSlowdown: 1 };
/** Lighthouse's mobile profile: 4× CPU slowdown, 150 ms round trip, 1.6 Mbps down, 750 kbps up. */
const PHONE: Profile = {
  name: 'phone (4× CPU, 150 ms RTT, 1.6 Mbps)',
  cpuSlowdown: 4,
  network: { latencyMs: 150, downloadBitsPerSecond: 1_600_000, uploadBitsPerSecond: 750_000 },
};

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
 * The Element Timing name of the temperature in the first view the server
 * writes into a kept place's page (apps/api's first-view.ts): painted before
 * the app's scripts run.
 */
const FIRST_VIEW_TIMING = 'skycast:first-view-temperature';

/** Where the page's observer keeps when the first view's temperature was painted. */
type FirstViewWindow = Window & { firstViewPainted?: number };

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
    const loads: LoadFigures[] = [];
    for (const [index, profile] of [DESKTOP, PHONE].entries()) {
      const cold: LoadFigures = {
        label: `${profile.name}: first visit of a place (server fetches from the provider)`,
        runs: [],
        appRendered: [],
        firstPaint: [],
      };
      const warm: LoadFigures = {
        label: `${profile.name}: place already kept by the server (its HTML carries the forecast)`,
        runs: [],
        appRendered: [],
        firstPaint: [],
      };
      for (let run = 0; run < options.runs; run++) {
        // A new place each run: the server has not seen it yet.
        const place = `/place/${(10 + index * 20 + run).toFixed(2)},${(20 + run).toFixed(2)}/Bench`;
        for (const figures of [cold, warm]) {
          const { visible, appRendered, firstPaint } = await timeToForecast(
            browser,
            `${server.url}${place}`,
            profile,
          );
          figures.runs.push(visible);
          figures.appRendered.push(appRendered);
          figures.firstPaint.push(firstPaint);
        }
      }
      loads.push(cold, warm);
    }
    return { loads, traffic };
  } finally {
    await browser.close();
    await server?.stop();
  }
}

async function timeToForecast(
  browser: Awaited<ReturnType<typeof chromium.launch>>,
  url: string,
  profile: Profile,
): Promise<{ visible: number; appRendered: number; firstPaint: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    // Element Timing entries reach only an observer: one from the start keeps the first.
    await context.addInitScript((name) => {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          if ((entry as PerformanceEntry & { identifier?: string }).identifier === name)
            (window as FirstViewWindow).firstViewPainted ??= entry.startTime;
      }).observe({ type: 'element', buffered: true });
    }, FIRST_VIEW_TIMING);
    const page = await context.newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
    if (profile.network) {
      await devtools.send('Network.enable');
      await devtools.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: profile.network.latencyMs,
        downloadThroughput: profile.network.downloadBitsPerSecond / 8,
        uploadThroughput: profile.network.uploadBitsPerSecond / 8,
      });
    }
    await page.goto(url);
    const handle = await page.waitForFunction(
      (mark) => {
        const appRendered = performance.getEntriesByName(mark)[0]?.startTime;
        const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        const firstView = (window as FirstViewWindow).firstViewPainted;
        if (appRendered === undefined || paint === undefined) return false;
        const visible = firstView === undefined ? appRendered : Math.min(firstView, appRendered);
        return { visible, appRendered, firstPaint: paint };
      },
      FORECAST_MARK,
      { timeout: 60_000 },
    );
    return (await handle.jsonValue()) as {
      visible: number;
      appRendered: number;
      firstPaint: number;
    };
  } finally {
    await context.close();
  }
}
