import { convert, formatCoordinates, type TemperatureLabel } from '@skycast/validators';

/** The id of the first view in a place's page; the web app's `public/theme.js` fills it in and shows it. */
export const FIRST_VIEW_ELEMENT_ID = 'skycast-first-view';

/** The Element Timing name of its temperature: when it was painted, for the benchmark. */
export const FIRST_VIEW_TIMING = 'skycast:first-view-temperature';

/** What of a forecast answer the first view shows: the temperature now, in the answer's unit. */
interface CurrentTemperature {
  units: { temperature: TemperatureLabel };
  current: { temperature: number };
}

function isCurrentTemperature(value: unknown): value is CurrentTemperature {
  const forecast = value as {
    units?: { temperature?: unknown };
    current?: { temperature?: unknown };
  } | null;
  const unit = forecast?.units?.temperature;
  const temperature = forecast?.current?.temperature;
  return (
    (unit === '°C' || unit === '°F') &&
    typeof temperature === 'number' &&
    Number.isFinite(temperature)
  );
}

/**
 * The first screen of a place's page as the web app renders it (the site
 * header's frame, the place's heading, the card with the temperature now), in
 * the app's own classes, for the browser to paint before any app script has
 * run. It holds no words and no personal choice, so it is the same for
 * everyone: the temperature goes in as numbers in both scales, and theme.js
 * picks the person's scale and language (and the name from the URL), writes
 * them, and shows the block, all before the first paint; until then it is
 * `hidden`. It stays only while the answer is fresh (`data-fresh-until`), and
 * React replaces it when it renders into `#root`. Undefined when the answer has
 * no temperature to show.
 *
 * @example
 * firstViewHtml({ latitude: 45.46, longitude: 9.19 }, forecast, answer.validUntil)
 */
export function firstViewHtml(
  place: { latitude: number; longitude: number },
  forecast: unknown,
  freshUntil: number,
): string | undefined {
  if (!isCurrentTemperature(forecast)) return undefined;
  const served = forecast.units.temperature;
  const now = forecast.current.temperature;
  const celsius = convert.temperature(now, served, '°C');
  const fahrenheit = convert.temperature(now, served, '°F');
  const coordinates = escapeHtml(formatCoordinates(place));
  // The markup of App, SiteHeader, PlaceHeading and CurrentConditions, with an empty
  // box where a word or an icon will be, so that nothing moves when React takes over.
  return (
    `<div id="${FIRST_VIEW_ELEMENT_ID}" hidden data-celsius="${celsius}" data-fahrenheit="${fahrenheit}" data-fresh-until="${freshUntil}">` +
    '<header class="site-header"><div class="page site-header__inner">' +
    '<span class="site-header__brand"><img class="site-header__logo" src="/favicon.svg" alt="" width="28" height="28">Skycast</span>' +
    '<div class="site-header__search"><div class="search__input"></div></div>' +
    '<span class="account-menu__placeholder"></span>' +
    '</div></header>' +
    '<main class="page site-main"><article class="place">' +
    '<header class="place-heading"><div class="place-heading__top"><div>' +
    `<h1 class="place-heading__name" data-first-view="name">${coordinates}</h1>` +
    `<p class="place-heading__subtitle" data-first-view="subtitle" hidden><bdi>${coordinates}</bdi></p>` +
    '</div></div><p class="place-heading__meta"></p></header>' +
    '<div class="place__sections"><div class="place-forecast"><section class="current card">' +
    '<p class="current__title">\u00a0</p>' +
    '<div class="current__summary"><span class="icon weather-icon current__icon"></span>' +
    `<p class="current__temperature" data-first-view="temperature" elementtiming="${FIRST_VIEW_TIMING}"></p>` +
    '<div class="current__words"></div></div>' +
    '</section></div></div></article></main></div>'
  );
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe in HTML, in an element or a quoted attribute.
 *
 * @example
 * escapeHtml('<b>"Köln"</b>') // '&lt;b&gt;&quot;Köln&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}
