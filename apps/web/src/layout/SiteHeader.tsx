import { Suspense } from 'react';

import { AccountMenu } from '../account/AccountMenu.tsx';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { PreferencesMenu } from '../preferences/PreferencesMenu.tsx';
// The box's styles load with the header, so that the placeholder below has its size at once.
import '../search/SearchBox.css';
import './SiteHeader.css';

// The search's code loads just after the first paint, in a chunk of its own: nobody types
// before the page is there. The placeholder is the input's box (as the server's first view
// draws it), so nothing moves when the box arrives.
const SearchBox = lazyWithWords(() =>
  import('../search/SearchBox.tsx').then((module) => ({ default: module.SearchBox })),
);

/** The app's name, leading home, the place search, and the units and theme, and the account. */
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="page site-header__inner">
        <AppLink href="/" className="site-header__brand">
          <img className="site-header__logo" src="/favicon.svg" alt="" width="28" height="28" />
          Skycast
        </AppLink>
        <div className="site-header__search" role="search">
          <Suspense fallback={<div className="search__input" aria-hidden="true" />}>
            <SearchBox />
          </Suspense>
        </div>
        <PreferencesMenu />
        <AccountMenu />
      </div>
    </header>
  );
}
