import { useEffect } from 'react';

import type { Theme } from './preferences.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Puts the chosen theme on `<html data-theme>`, following the system's setting
 * live when the choice is "system". public/theme.js sets it before
 * the first paint, so a dark page never flashes white.
 */
export function useTheme(theme: Theme): void {
  useEffect(() => {
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && media.matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
      // The browser's and an installed app's title bar take the chosen theme's page colour.
      const pageColour = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
      if (pageColour)
        for (const meta of document.querySelectorAll('meta[name="theme-color"]'))
          meta.setAttribute('content', pageColour);
    };
    apply();
    if (theme !== 'system') return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
