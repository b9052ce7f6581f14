import { Suspense } from 'react';

import type { Coordinates } from '../api-types.ts';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';
import './SiteFooter.css';

// Below the fold: the credits' code loads after the first screen.
const FooterCredits = lazyWithWords(() => import('./FooterCredits.tsx'));

/** Credits: the provider of the forecast on screen, when there is one. */
export function SiteFooter({ coordinates }: { coordinates: Coordinates | undefined }) {
  return (
    <footer className="site-footer">
      <div className="page site-footer__inner">
        {coordinates && (
          <Suspense fallback={null}>
            <FooterCredits coordinates={coordinates} />
          </Suspense>
        )}
        <span>Skycast</span>
      </div>
    </footer>
  );
}
