import { lazy } from 'react';

import { laterWords } from './i18n.ts';

/**
 * React's `lazy`, for a part of the page loaded after the first screen: it
 * renders once its code and the language's words beyond the first screen are
 * both in, so it never shows a message key in their place.
 *
 * @example
 * const DayPage = lazyWithWords(() => import('./day/DayPage.tsx'));
 */
export const lazyWithWords: typeof lazy = (load) =>
  lazy(() => Promise.all([load(), laterWords()]).then(([module]) => module));
