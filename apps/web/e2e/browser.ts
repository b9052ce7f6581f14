import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';

/** How long to wait for something a person would see; the machine may be busy. */
export const UI_TIMEOUT = 30_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * One Chromium for a test file: launched before its tests, closed after them.
 *
 * @example
 * const browser = sharedBrowser();
 * it('…', () => withPage(browser(), {}, async ({ page }) => { … }));
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser)
      throw new Error('sharedBrowser(): the browser starts in beforeAll; call it in a test');
    return browser;
  };
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 360, height: 740 };

export interface TestPage {
  page: Page;
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

let contexts = 0;
/** An address of its own for each browser context (the test server trusts one proxy hop). */
const nextClientAddress = () => {
  const n = ++contexts + (process.pid % 200) * 1000;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/**
 * A fresh browser context (no storage shared with other tests) and a page in
 * it, with the app's base URL, so `page.goto('/place/…')` works.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: inject('appUrl'),
    viewport: DESKTOP,
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
    extraHTTPHeaders: { 'x-forwarded-for': nextClientAddress() },
    ...options,
  });
  context.setDefaultTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed requests are part of some tests (the provider down); they are checked on screen.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(`console error: ${message.text()}`);
  });
  return { page, errors, close: () => context.close() };
}

/** The local weather provider's control API (it runs in the global setup's process). */
export const weatherStub = {
  async setFault(
    fault: {
      mode: string;
      status?: number;
      delayMs?: number;
      endpoints?: string[];
      paths?: string[];
    } | null,
  ) {
    const response = await fetch(`${inject('stubUrl')}/__stub/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    if (response.status !== 204) throw new Error(`setFault failed: ${await response.text()}`);
  },
  /**
   * Forecasts slower than a place's page waits for one (PLACE_PAGE_WAIT_MS: 2 s in these tests):
   * a first visit's page then comes without it, and the app asks, as when the
   * provider is slow. Cleared by `setFault(null)`.
   */
  async slowForecasts() {
    await this.setFault({ mode: 'slow', delayMs: 3_000, endpoints: ['/v1/forecast'] });
  },
  /** Scripted showers (dry until `startsAt`, rain until `endsAt`); null clears them. */
  async setRain(
    rain:
      | {
          latitude: number;
          longitude: number;
          startsAt: number;
          endsAt?: number;
          mmPerHour: number;
        }[]
      | null,
  ) {
    const response = await fetch(`${inject('stubUrl')}/__stub/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rain && { rain }),
    });
    if (response.status !== 204) throw new Error(`setRain failed: ${await response.text()}`);
  },
  async calls(): Promise<{ total: number; byEndpoint: Record<string, number> }> {
    return (await (await fetch(`${inject('stubUrl')}/__stub/calls`)).json()) as {
      total: number;
      byEndpoint: Record<string, number>;
    };
  },
};

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core in the page against WCAG 2.2 A and AA; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated by the debugger, not added as a <script>: the app's Content-Security-Policy
  // rightly refuses inline scripts, and the pages are tested with it on.
  await page.evaluate(`${axeSource}\n;undefined`);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
}

/** Readable summary of violations, so a failing assertion says what to fix. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`)
        .join(' | ')}`,
  );
}

/** How far the page scrolls sideways (0 when it fits the viewport). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Runs `run` on a fresh page and closes it after; fails the test when the page
 * threw or logged an error on the way.
 */
export async function withPage(
  browser: Browser,
  options: BrowserContextOptions,
  run: (tab: TestPage) => Promise<void>,
): Promise<void> {
  const tab = await openPage(browser, options);
  try {
    await run(tab);
    if (tab.errors.length > 0)
      throw new Error(`The page reported errors:\n${tab.errors.join('\n')}`);
  } finally {
    await tab.close();
  }
}
