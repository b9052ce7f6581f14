// Sets <html data-theme>, lang and dir before the first paint, from the visitor's saved
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
})();
