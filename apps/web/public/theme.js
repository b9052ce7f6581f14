// Sets <html data-theme>, lang and dir before the first paint (and preloads the
// language's first words), from the visitor's saved
// choices or the system's; src/preferences/use-theme.ts and src/i18n/i18n.ts keep them up
// to date after that. A right-to-left page is laid out mirrored from the first frame.
// On a place's page it also shows the first view the server wrote (the temperature now),
// in the visitor's scale and language, before the app's scripts have run.
/* global document, localStorage, location, matchMedia, MutationObserver, navigator */
(function () {
  var saved = {};
  try {
    saved = JSON.parse(localStorage.getItem('skycast:preferences') || '{}') || {};
  } catch {
    // Storage off or unreadable: follow the system.
  }
  var theme = saved.theme || 'system';
  var dark =
    theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';

  // The same languages as @skycast/validators' LANGUAGES (a plain file cannot import it).
  var spoken = ['en', 'de', 'es', 'fr', 'ar'];
  var language = spoken.indexOf(saved.language) >= 0 ? saved.language : null;
  var wanted = navigator.languages || [navigator.language];
  for (var i = 0; !language && i < wanted.length; i++) {
    var primary = String(wanted[i]).toLowerCase().split(/[-_]/)[0];
    if (spoken.indexOf(primary) >= 0) language = primary;
  }
  language = language || 'en';
  document.documentElement.lang = language;
  document.documentElement.dir = language === 'ar' ? 'rtl' : 'ltr';

  // The first render waits for the first screen's words in that language: fetched now,
  // beside the app's scripts, rather than once they have run. The build names each
  // language's chunk in index.html (build/catalogue-parts-plugin.ts).
  var chunks = {};
  try {
    chunks = JSON.parse(document.getElementById('skycast-first-words').textContent) || {};
  } catch {
    // No names (the development server): the app asks for the words itself.
  }
  if (typeof chunks[language] === 'string') {
    var preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.href = chunks[language];
    document.head.appendChild(preload);
  }

  // The temperature scale, as src/preferences/use-preferences.ts picks it: the saved choice,
  // else the browser's first locale's region (locale-defaults.ts; locale-defaults.test.ts
  // holds this list to its own).
  var FAHRENHEIT_REGIONS = [
    'US',
    'PR',
    'GU',
    'VI',
    'AS',
    'MP',
    'UM',
    'LR',
    'FM',
    'MH',
    'PW',
    'BS',
    'BZ',
    'KY',
  ];
  var fahrenheit = saved.units === 'imperial';
  if (saved.units !== 'imperial' && saved.units !== 'metric') {
    try {
      var region = new Intl.Locale(wanted[0] || navigator.language || 'en-US').maximize().region;
      fahrenheit = FAHRENHEIT_REGIONS.indexOf(region) >= 0;
    } catch {
      // A locale Intl cannot read: metric, as the app does.
    }
  }

  // A place's page may carry its first view (the server's first-view.ts), hidden: it is
  // filled in and shown once the parser is past it (the data block after #root is in),
  // which is before the first paint, since observers run before the browser renders.
  var firstView = new MutationObserver(function () {
    var parsed =
      document.getElementById('skycast-kept-answers') || document.readyState !== 'loading';
    if (!parsed) return;
    firstView.disconnect();
    showFirstView(document.getElementById('skycast-first-view'));
  });
  firstView.observe(document, { childList: true, subtree: true });

  function showFirstView(view) {
    // Only while the answer it was made from is fresh, as the server would keep it.
    if (!view || !(Number(view.dataset.freshUntil) > Date.now())) return;
    var value = Number(fahrenheit ? view.dataset.fahrenheit : view.dataset.celsius);
    if (!Number.isFinite(value)) return;
    // As src/weather/units.ts formats it: whole degrees (never "-0"), Intl's short unit.
    var whole = Math.round(value) || 0;
    view.querySelector('[data-first-view=temperature]').textContent = new Intl.NumberFormat(
      language === 'en' ? 'en-GB' : language,
      {
        style: 'unit',
        unit: fahrenheit ? 'fahrenheit' : 'celsius',
        unitDisplay: 'short',
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      },
    ).format(whole);
    // The name the URL gives, as @skycast/validators' parsePlacePath reads it, with the
    // coordinates under it; without one the coordinates are the name.
    var named = /^\/place\/[^/]+\/(?!day\/\d{4}-)([^/]{1,1000})/.exec(location.pathname);
    var name;
    try {
      name = named && decodeURIComponent(named[1]).trim();
    } catch {
      name = named && named[1];
    }
    if (name) {
      view.querySelector('[data-first-view=name]').textContent = name;
      view.querySelector('[data-first-view=subtitle]').hidden = false;
    }
    view.hidden = false;
  }
})();
