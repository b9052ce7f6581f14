import { describe, expect, inject, it } from 'vitest';

import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

describe('the API reference at /api', () => {
  it('renders the procedures of the OpenAPI document, loading nothing from another origin, within its policy', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const appOrigin = new URL(inject('appUrl')).origin;
      const elsewhere: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol.startsWith('http') && url.origin !== appOrigin) elsewhere.push(url.href);
      });
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      const response = await page.goto('/api');
      expect(response?.headers()['content-security-policy']).toMatch(
        /script-src 'self' 'nonce-[\w+/=]+'/,
      );
      await page.getByText('auth.signUp', { exact: true }).first().waitFor();
      await page.getByText('Download OpenAPI Document').first().waitFor();
      for (const group of ['places', 'preferences', 'weather']) {
        expect(await page.getByText(group, { exact: true }).count()).toBeGreaterThan(0);
      }
      const violations = await page.evaluate(
        () => (window as unknown as { cspViolations: string[] }).cspViolations,
      );
      // zod, inside Scalar's bundle, probes once whether eval is allowed and does without it.
      expect(violations.filter((violation) => violation !== 'script-src eval')).toEqual([]);
      expect(elsewhere).toEqual([]);
    });
  });
});
