// Sets <html data-theme>, lang and dir before the first paint (and preloads the
// language's first words), from the visitor's saved
// choices or the system's; src/preferences/use-theme.ts and src/i18n/i18n.ts keep them up
// to date after that. A right-to-left page is laid out mirrored from the first frame.
/* global document, localStorage, matchMedia, navigator */
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
})();
