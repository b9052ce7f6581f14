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
    };
    apply();
    if (theme !== 'system') return;
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}
