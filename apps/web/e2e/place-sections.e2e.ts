import { afterAll, describe, expect, it } from 'vitest';

import { sharedBrowser, weatherStub, withPage } from './browser.ts';

const browser = sharedBrowser();
afterAll(() => weatherStub.setFault(null));

describe('sun and moon', () => {
  it('shows today’s sunrise, sunset, daylight and moon, and the coming days as a table', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/51.51,-0.13/London');
      const card = page.getByRole('region', { name: 'Sun and moon' });
      await card.getByRole('heading', { name: 'Moon', exact: true }).waitFor();
      const text = (await card.locator('.sun-moon__today').textContent()) ?? '';
      expect(text).toMatch(/Sunrise\d\d:\d\d/);
      expect(text).toMatch(/Sunset\d\d:\d\d/);
      expect(text).toMatch(/Daylight\d+ h( \d+ min)? \([+−]/);
      expect(text).toMatch(
        /Phase(New moon|Waxing crescent|First quarter|Waxing gibbous|Full moon|Waning gibbous|Last quarter|Waning crescent)Lit\d+%/,
      );
      expect(text).toMatch(/Moonrise(\d\d:\d\d|none today)Moonset(\d\d:\d\d|none today)/);
      await card.getByText('Sun and moon for the next 9 days').click();
      const rows = card.getByRole('region', { name: 'Sun and moon by day' }).getByRole('row');
      expect(await rows.count()).toBe(10);
    });
  });
});

describe('compared with yesterday', () => {
  it('says how now and today’s high compare with yesterday, in the chosen units', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/59.91,10.75/Oslo');
      const details = page.getByRole('region', { name: 'Details' });
      const sentence = details.getByText(/yesterday at this time/);
      await sentence.waitFor();
      expect(await sentence.textContent()).toMatch(
        /^(\d+° (warmer|colder) than|About as warm as) yesterday at this time\. Today’s high is (\d+° (above|below)|the same as) yesterday’s \(-?\d+°C\)\.$/,
      );
    });
  });
});

describe('rain in the next two hours', () => {
  it('says in one sentence what falls, with a strip of eight 15-minute steps only when something does', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      for (const place of ['/place/47.37,8.54/Zürich', '/place/51.51,-0.13/London']) {
        await page.goto(place);
        await page.getByRole('heading', { name: /^Next \d+ days$/ }).waitFor();
        const section = page.getByRole('region', { name: 'Rain in the next 2 hours' });
        const dry = page.getByRole('region', { name: 'Right now' }).locator('.current__outlook');
        if ((await section.count()) === 0) {
          // Dry: the strip folds away, and "Right now" says so in one sentence.
          expect(await dry.textContent()).toMatch(/^No rain or snow for the next 2 hours\.$/);
          continue;
        }
        expect(await dry.count()).toBe(0);
        const bars = section.getByRole('list', { name: 'Precipitation every 15 minutes' });
        expect(await section.locator('p').first().textContent()).toMatch(
          /^(Light|Moderate|Heavy) (rain|snow|rain and snow) (starting around \d\d:\d\d|stopping around \d\d:\d\d|for the next 2 hours)\.$/,
        );
        const steps = await bars.getByRole('listitem').allTextContents();
        expect(steps).toHaveLength(8);
        expect(steps.some((step) => !step.endsWith(': dry'))).toBe(true);
        for (const step of steps)
          expect(step).toMatch(
            /^until \d\d:\d\d: (dry|(light|moderate|heavy) (rain|snow|rain and snow), \d+\.\d mm)$/,
          );
      }
    });
  });

  it('says where the timing is only estimated from hourly forecasts', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/-33.87,151.21/Sydney');
      await page
        .locator('.next-hours__summary, .current__outlook')
        .getByText(/\(timing estimated from hourly forecasts\)\.$/)
        .waitFor();
    });
  });
});

describe('a day in detail', () => {
  it('opens from the day list by keyboard, at a URL of its own, with the chart and every hour in a table', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/48.86,2.35/Paris');
      const daily = page.getByRole('region', { name: /^Next \d+ days$/ });
      const links = daily.getByRole('link', { name: /, hour by hour$/ });
      await links.first().waitFor();
      expect(await links.count()).toBe(10);
      await daily.getByRole('button', { name: 'Show all 16 days' }).click();
      expect(await links.count()).toBe(16);

      await links.nth(2).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/place\/48\.86,2\.35\/Paris\/day\/\d{4}-\d\d-\d\d$/);
      const heading = page.getByRole('heading', { level: 1 });
      expect(await heading.textContent()).toMatch(/^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+$/);
      // A screen reader lands on the day's name.
      expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);

      const table = page.getByRole('region', { name: 'Every hour' });
      await table.waitFor();
      expect(await table.getByRole('row').count()).toBe(25);
      expect(await table.getByRole('row').nth(1).textContent()).toMatch(
        /^00:00-?\d+°-?\d+°\d+\.\d mm\d+%\d+ mph\d+ mph\d+%-?\d+°\d/,
      );
      await page.getByRole('figure').locator('canvas').first().waitFor();
      const nav = page.getByRole('navigation', { name: 'Other days' });
      expect(await nav.getByRole('link').count()).toBe(2);

      await page.getByRole('link', { name: 'All days in Paris' }).click();
      await page.waitForURL(/\/place\/48\.86,2\.35\/Paris$/);
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
    });
  });

  it('says polar night or midnight sun in words, never a sunrise at 00:00', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      // Near the pole the sun stays down (or up) for months on end.
      await page.goto('/place/89.9,0/Pole');
      const daily = page.getByRole('region', { name: /^Next \d+ days$/ });
      await daily
        .getByRole('link', { name: /, hour by hour$/ })
        .first()
        .click();
      const summary = page.getByRole('region', { name: 'The day at a glance' });
      await summary.getByText(/^(Polar night|Midnight sun)/).waitFor();
      const text = (await summary.textContent()) ?? '';
      expect(text).toMatch(
        /Sun(Polar night: the sun does not rise|Midnight sun: the sun does not set)/,
      );
      expect(text).not.toMatch(/Sunrise|Sunset/);
    });
  });

  it('says so in words for a day the forecast does not have', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/48.86,2.35/Paris/day/1999-01-01');
      await page.getByRole('alert').filter({ hasText: 'This day could not be loaded' }).waitFor();
      expect(await page.getByRole('alert').textContent()).toMatch(/coming 16 days/);
    });
  });
});

describe('pollen', () => {
  it('shows each type’s level in words with its count in Europe, and explains the levels', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/52.52,13.41/Berlin');
      const card = page.getByRole('region', { name: 'Air quality' });
      await card.getByRole('heading', { name: 'Pollen' }).waitFor();
      const types = await card.locator('.pollen__type').allTextContents();
      expect(types).toHaveLength(6);
      for (const type of types)
        expect(type).toMatch(
          /^(Alder|Birch|Grass|Mugwort|Olive|Ragweed) (None|Low|Moderate|High|Very high) \(\d+ grains\/m³\)$/,
        );
      await card.getByText('What the pollen levels mean').click();
      await card.getByText(/^Grass: low 1–29, moderate 30–49/).waitFor();
    });
  });

  it('shows no pollen where there is no pollen model, rather than zeros', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/-33.87,151.21/Sydney');
      const card = page.getByRole('region', { name: 'Air quality' });
      await card.getByText('European AQI').waitFor();
      expect(await card.getByRole('heading', { name: 'Pollen' }).count()).toBe(0);
    });
  });
});

describe('weather warnings', () => {
  it('come first on the page as compact banners, each with its severity in words, icon and colour, the details behind a disclosure', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/52.52,13.41/Berlin');
      const section = page.getByRole('region', { name: '2 weather warnings' });
      const warnings = section.getByRole('listitem');
      await warnings.first().waitFor();
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      // Above everything else: the first section after the place's name.
      const firstSection = page.locator('.place__sections > *').first();
      expect(await firstSection.getAttribute('aria-labelledby')).toBe('alerts-title');

      const [severe, minor] = [warnings.nth(0), warnings.nth(1)];
      expect(await severe.getByRole('heading', { level: 3 }).textContent()).toBe(
        'Severe Storm gusts',
      );
      expect(await minor.getByRole('heading', { level: 3 }).textContent()).toBe('Minor Frost');
      expect(await severe.locator('.alert__period').textContent()).toMatch(
        /^Until (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d$/,
      );
      // A compact banner: severity, event and until when; the rest behind it.
      const headline = severe.getByText('Official SEVERE WEATHER WARNING of STORM GUSTS');
      expect(await headline.isVisible()).toBe(false);
      // Never colour alone: a different icon shape and colour per severity, beside the word.
      const shape = (item: typeof severe) =>
        item.locator('svg.alert__icon .alert__icon-shape > *').evaluate((node) => node.tagName);
      expect([await shape(severe), await shape(minor)]).toEqual(['path', 'circle']);
      const colour = (item: typeof severe) =>
        item.evaluate((node) => getComputedStyle(node).borderLeftColor);
      expect(await colour(severe)).not.toBe(await colour(minor));

      const description = severe.getByText(/There is a risk of storm gusts \(level 3 of 4\)/);
      expect(await description.isVisible()).toBe(false);
      await severe.getByRole('heading', { level: 3 }).click();
      await description.waitFor();
      await headline.waitFor();
      await severe.getByRole('heading', { name: 'What to do' }).waitFor();
      await severe.getByText(/^ACTION RECOMMENDED: Close all windows and doors!/).waitFor();
      expect(await severe.locator('.alert__facts').textContent()).toBe(
        'AreaBerlinUrgency and certaintyAct now, likely',
      );
      expect(await severe.locator('.alert__sender').textContent()).toBe(
        'Issued by Deutscher Wetterdienst via MeteoAlarm',
      );
      expect(await severe.getByRole('link', { name: 'MeteoAlarm' }).getAttribute('href')).toBe(
        'https://meteoalarm.org/',
      );
    });
  });

  it.each([
    ['Belfast', '54.6,-5.93', 'Moderate Yellow wind warning', 'Met Office'],
    ['Munich', '48.14,11.58', 'Moderate Snowfall', 'Deutscher Wetterdienst'],
    ['Vienna', '48.21,16.37', 'Moderate Black ice', 'GeoSphere Austria'],
    ['Paris', '48.85,2.35', 'Moderate Moderate snow-ice warning', 'Météo-France'],
  ])(
    'show a warning named only by its region’s code in %s, with severity, times and issuer',
    async (name, at, heading, issuer) => {
      await withPage(browser(), {}, async ({ page }) => {
        await page.goto(`/place/${at}/${name}`);
        const warning = page.getByRole('region', { name: 'Weather warning' }).getByRole('listitem');
        await warning.getByRole('heading', { level: 3, name: heading }).waitFor();
        expect(await warning.locator('.alert__period').textContent()).toMatch(
          /^(From \w{3} \d\d:\d\d until|Until) \w{3} \d\d:\d\d$/,
        );
        expect(await warning.locator('.alert__sender').textContent()).toBe(
          `Issued by ${issuer} via MeteoAlarm`,
        );
      });
    },
  );

  it('show the reader’s language where the issuer sent it, the original one tap away', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/48.21,16.37/Vienna');
      const warning = page.locator('.alerts .alert');
      await warning.getByRole('heading', { name: 'Moderate Black ice' }).waitFor();
      // The banner opens to the full text, where the original is one tap away.
      await warning.locator('summary').click();
      await warning.getByRole('button', { name: 'Show the original (German)' }).click();
      await warning.getByRole('heading', { name: 'Moderate Glatteis' }).waitFor();
      expect(await warning.locator('.alert__name').getAttribute('lang')).toBe('de-AT');
      await warning.getByText(/^Es wird gefrierender Regen erwartet/).waitFor();
      await warning.getByRole('button', { name: 'Show in English' }).click();
      await warning.getByRole('heading', { name: 'Moderate Black ice' }).waitFor();
    });
    // A German reader gets GeoSphere's own German at once.
    await withPage(browser(), { locale: 'de-DE' }, async ({ page }) => {
      await page.goto('/place/48.21,16.37/Wien');
      const warning = page.locator('.alerts .alert');
      await warning.getByRole('heading', { name: 'Mäßig Glatteis' }).waitFor();
      expect(await warning.getByRole('button').count()).toBe(0);
    });
    // No French from the issuer: the original, labelled with its language.
    await withPage(browser(), { locale: 'fr-FR' }, async ({ page }) => {
      await page.goto('/place/48.21,16.37/Vienne');
      const warning = page.locator('.alerts .alert');
      await warning.getByRole('heading', { name: 'Modéré Glatteis' }).waitFor();
      await warning.locator('summary').click();
      await warning.getByText('En allemand, tel que publié').waitFor();
    });
  });

  it('show the National Weather Service’s warnings in the United States', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      await page.goto('/place/41.85,-87.65/Chicago');
      const section = page.getByRole('region', { name: '2 weather warnings' });
      await section.getByRole('heading', { name: 'Severe Winter Storm Warning' }).waitFor();
      await section.getByRole('heading', { name: 'Moderate Cold Weather Advisory' }).waitFor();
      expect(await section.locator('.alert__sender').first().textContent()).toBe(
        'Issued by NWS Chicago IL via National Weather Service',
      );
      // Not yet begun: from when and until when, on Chicago's clocks.
      expect(await section.locator('.alert__period').first().textContent()).toMatch(
        /^From \w{3} \d\d:\d\d until \w{3} \d\d:\d\d$/,
      );
    });
  });

  it('shows the warnings that could be read and says how many could not, when one document fails', async () => {
    // Leipzig's two geocode-only warnings: the thunderstorm's document answers 500.
    await weatherStub.setFault({
      mode: 'error',
      status: 500,
      endpoints: ['/api/v1/warnings'],
      paths: ['/api/v1/warnings/feeds-germany/leipzig-thunderstorm'],
    });
    try {
      await withPage(browser(), {}, async ({ page }) => {
        await page.goto('/place/51.34,12.37/Leipzig');
        const section = page.getByRole('region', { name: 'Weather warning' });
        await section.getByRole('listitem').first().waitFor();
        expect(await section.locator('.alert__name').allTextContents()).toEqual(['Heavy rain']);
        expect(await section.getByRole('status').textContent()).toBe(
          'One warning issued for this place could not be read just now; check your national weather service.',
        );
      });
    } finally {
      await weatherStub.setFault(null);
    }
  });

  it('show nothing at all for a place with none', async () => {
    await withPage(browser(), {}, async ({ page }) => {
      const answered = page.waitForResponse((response) =>
        response.url().includes('/trpc/weather.alerts'),
      );
      await page.goto('/place/51.51,-0.13/London');
      const response = await answered;
      expect(response.status()).toBe(200);
      expect(
        ((await response.json()) as { result: { data: { alerts: unknown[] } } }).result.data.alerts,
      ).toEqual([]);
      await page.getByRole('heading', { name: 'Right now' }).waitFor();
      expect(await page.getByRole('region', { name: /weather warning/i }).count()).toBe(0);
      expect(await page.getByText(/warning/i).count()).toBe(0);
    });
  });
});
