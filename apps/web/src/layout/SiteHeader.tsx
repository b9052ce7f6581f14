import { AccountMenu } from '../account/AccountMenu.tsx';
import { AppLink } from '../navigation/AppLink.tsx';
import { PreferencesMenu } from '../preferences/PreferencesMenu.tsx';
import { SearchBox } from '../search/SearchBox.tsx';
import './SiteHeader.css';

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
          <SearchBox />
        </div>
        <PreferencesMenu />
        <AccountMenu />
      </div>
    </header>
  );
}
