import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { sharedBrowser, withPage } from './browser.ts';

const browser = sharedBrowser();

const LOCALES = ['en-GB', 'de-DE', 'es-ES', 'fr-FR', 'ar'] as const;
const PHONE_360 = { width: 360, height: 800 };

async function openPlace(page: Page, path = '/place/48.86,2.35/Paris') {
  await page.goto(path);
  await page.locator('.daily__list .day').first().waitFor();
  await page.locator('.sun-moon__today').waitFor();
  await page.locator('.air-quality .aqi').first().waitFor();
  await page.locator('.temperature-chart[data-first-hour-x]').waitFor();
}

/**
 * Pairs of things drawn on top of each other inside `roots`: each text node's
 * lines and each image or icon, by their rendered boxes (text that runs out of
 * its cell counts where it is drawn), and anything drawn outside its root.
 */
function collisions(page: Page, roots: string) {
  return page.evaluate((selector) => {
    const hidden = (node: Element) => {
      for (let el: Element | null = node; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.display === 'none') return true;
        if (el.tagName === 'DETAILS' && !(el as HTMLDetailsElement).open && el !== node)
          if (!el.querySelector(':scope > summary')?.contains(node)) return true;
      }
      return false;
    };
    const problems: string[] = [];
    for (const root of document.querySelectorAll(selector)) {
      const bounds = root.getBoundingClientRect();
      const boxes: { what: string; owner: Element; rect: DOMRect }[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const owner = text.parentElement!;
        if (!text.textContent?.trim() || hidden(owner)) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        // Text cut by design (one line, an ellipsis) is seen only as far as its box shows it.
        let cutBy: Element | null = owner;
        while (cutBy && cutBy !== root && getComputedStyle(cutBy).textOverflow !== 'ellipsis')
          cutBy = cutBy.parentElement;
        const cut =
          cutBy && getComputedStyle(cutBy).textOverflow === 'ellipsis'
            ? cutBy.getBoundingClientRect()
            : null;
        for (const whole of range.getClientRects()) {
          const rect = cut
            ? new DOMRect(
                Math.max(whole.left, cut.left),
                whole.top,
                Math.min(whole.right, cut.right) - Math.max(whole.left, cut.left),
                whole.height,
              )
            : whole;
          if (rect.width > 0) boxes.push({ what: text.textContent.trim(), owner, rect });
        }
      }
      for (const image of root.querySelectorAll('img, svg')) {
        if (hidden(image)) continue;
        let rect = image.getBoundingClientRect();
        const style = getComputedStyle(image);
        // A turned icon (the wind arrow): its own box, not the larger one around the turn.
        if (style.transform !== 'none') {
          const [width, height] = [parseFloat(style.width), parseFloat(style.height)];
          const [x, y] = [
            rect.x + rect.width / 2 - width / 2,
            rect.y + rect.height / 2 - height / 2,
          ];
          rect = new DOMRect(x, y, width, height);
        }
        boxes.push({ what: `<${image.tagName.toLowerCase()}>`, owner: image, rect });
      }
      for (const [i, a] of boxes.entries()) {
        const r = a.rect;
        if (r.left < bounds.left - 1 || r.right > bounds.right + 1)
          problems.push(`"${a.what}" runs out of ${root.className}`);
        for (const b of boxes.slice(i + 1)) {
          if (a.owner.contains(b.owner) || b.owner.contains(a.owner)) continue;
          const x = Math.min(r.right, b.rect.right) - Math.max(r.left, b.rect.left);
          const y = Math.min(r.bottom, b.rect.bottom) - Math.max(r.top, b.rect.top);
          if (x > 1 && y > 1) problems.push(`"${a.what}" overlaps "${b.what}"`);
        }
      }
    }
    return problems;
  }, roots);
}

describe('no text collision at 360 px', () => {
  for (const locale of LOCALES)
    it(`in the daily list and the cards, in ${locale}`, async () => {
      await withPage(
        browser(),
        { viewport: PHONE_360, locale, isMobile: true },
        async ({ page }) => {
          await openPlace(page);
          expect(
            await collisions(
              page,
              '.day, .current, .current__detail, .hour, .sun-moon__half, .air-quality .card, .place-heading',
            ),
          ).toEqual([]);
          await page.goto('/place/52.52,13.41/Berlin');
          await page.locator('.alerts .alert').nth(1).waitFor();
          expect(await collisions(page, '.alert')).toEqual([]);
        },
      );
    });
});

describe('right to left', () => {
  it('runs the 48-hour chart in reading direction: later hours to the left in Arabic', async () => {
    for (const [locale, laterIsRight] of [
      ['en-GB', true],
      ['ar', false],
    ] as const)
      await withPage(browser(), { locale }, async ({ page }) => {
        await openPlace(page);
        const chart = page.locator('.temperature-chart');
        const first = Number(await chart.getAttribute('data-first-hour-x'));
        const last = Number(await chart.getAttribute('data-last-hour-x'));
        expect(last > first, locale).toBe(laterIsRight);
      });
  });

  it('keeps each degree sign after its number, warm ends by the highs, and the unit in Intl’s words', async () => {
    await withPage(browser(), { locale: 'ar', viewport: PHONE_360 }, async ({ page }) => {
      await openPlace(page);
      // Where each "°" is drawn against the digit before it.
      const misplaced = await page.evaluate(() =>
        [...document.querySelectorAll('[data-temperature]')].flatMap((element) => {
          const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
          const found: string[] = [];
          for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            const at = text.textContent!.indexOf('°');
            if (at < 1 || element.getClientRects().length === 0) continue;
            const box = (start: number) => {
              const range = document.createRange();
              range.setStart(text, start);
              range.setEnd(text, start + 1);
              return range.getBoundingClientRect();
            };
            if (box(at).left < box(at - 1).right - 1) found.push(text.textContent!);
          }
          return found;
        }),
      );
      expect(misplaced).toEqual([]);
      expect(await page.locator('.preferences__current').textContent()).toBe('°م');

      // The bar's gradient runs from the low's end to the high's end.
      const row = page.locator('.day').first();
      const lowX = (await row.locator('.day__low').boundingBox())!.x;
      const highX = (await row.locator('.day__high').boundingBox())!.x;
      expect(highX).toBeLessThan(lowX);
      const gradient = await row
        .locator('.day__bar')
        .evaluate((bar) => getComputedStyle(bar, '::after').backgroundImage);
      // 270deg: cold on the right (the low), warm on the left (the high).
      expect(gradient).toMatch(/^linear-gradient\(270deg,/);
    });
  });
});

describe('the day table on a phone', () => {
  for (const locale of ['en-GB', 'ar'] as const)
    it(`keeps the hour column in place while it scrolls, and shows that it does (${locale})`, async () => {
      await withPage(
        browser(),
        { locale, viewport: PHONE_360, isMobile: true },
        async ({ page }) => {
          const date = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
          await page.goto(`/place/48.86,2.35/Paris/day/${date}`);
          const table = page.locator('.hour-table');
          await table.locator('tbody tr').first().waitFor();
          const scrolls = await table.evaluate((el) => el.scrollWidth - el.clientWidth);
          expect(scrolls).toBeGreaterThan(100);
          // A cue: shadows that stay put while covers travel with the content.
          const background = await table.evaluate((el) => {
            const style = getComputedStyle(el);
            return { image: style.backgroundImage, attachment: style.backgroundAttachment };
          });
          expect(background.image).toMatch(/radial-gradient/);
          expect(background.attachment).toBe('local, local, scroll, scroll');

          const hour = table.locator('tbody th').first();
          const value = table.locator('tbody td').first();
          const before = {
            hour: (await hour.boundingBox())!.x,
            value: (await value.boundingBox())!.x,
          };
          // Towards the end of the line: right in English, left in Arabic.
          await table.evaluate(
            (el, rtl) => el.scrollBy({ left: rtl ? -200 : 200 }),
            locale === 'ar',
          );
          await expect.poll(async () => (await value.boundingBox())!.x).not.toBe(before.value);
          expect((await hour.boundingBox())!.x).toBe(before.hour);
        },
      );
    });
});
