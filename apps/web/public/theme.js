// Sets <html data-theme> before the first paint, from the visitor's saved choice
// or the system's; src/preferences/use-theme.ts keeps it up to date after that.
/* global document, localStorage, matchMedia */
(function () {
  var theme = 'system';
  try {
    theme = JSON.parse(localStorage.getItem('skycast:preferences') || '{}').theme || theme;
  } catch {
    // Storage off or unreadable: follow the system.
  }
  var dark =
    theme === 'dark' || (theme !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
