import { useLingui } from '@lingui/react';
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from 'react-error-boundary';

import {
  ACCOUNT_PATH,
  FORGOT_PASSWORD_PATH,
  RESET_PASSWORD_PATH,
  SIGN_IN_PATH,
  SIGN_UP_PATH,
} from './account/account-paths.ts';
import { useAccountPreferences } from './account/use-account.ts';
import { PlacePage } from './forecast/PlacePage.tsx';
import { SiteFooter } from './layout/SiteFooter.tsx';
import { t } from './i18n/i18n.ts';
import { useLanguage } from './i18n/use-language.ts';
import { SiteHeader } from './layout/SiteHeader.tsx';
import { usePathname } from './navigation/use-location.ts';
import { formatPlacePath, parsePlacePath } from './place/place-path.ts';
import { usePreferences } from './preferences/use-preferences.ts';
import { useTheme } from './preferences/use-theme.ts';
import { PageFailed } from './start/PageFailed.tsx';
import { lazyWithWords } from './i18n/lazy-with-words.ts';
import './App.css';

// A day in detail is opened from a place page: its code is not part of the first load.
const DayPage = lazyWithWords(() => import('./day/DayPage.tsx'));
// Nor are the start page and the account pages: most visits open a place. The start page
// is the home page's first screen: its words are in the first screen's part, so it waits
// for its code only.
const StartPage = lazy(() =>
  import('./start/StartPage.tsx').then((module) => ({ default: module.StartPage })),
);
const NotFoundPage = lazyWithWords(() =>
  import('./start/NotFoundPage.tsx').then((module) => ({ default: module.NotFoundPage })),
);
const AccountPage = lazyWithWords(() =>
  import('./account/AccountPage.tsx').then((module) => ({ default: module.AccountPage })),
);
const AuthPage = lazyWithWords(() =>
  import('./account/AuthPage.tsx').then((module) => ({ default: module.AuthPage })),
);
const ForgotPasswordPage = lazyWithWords(() =>
  import('./account/ForgotPasswordPage.tsx').then((module) => ({
    default: module.ForgotPasswordPage,
  })),
);
const ResetPasswordPage = lazyWithWords(() =>
  import('./account/ResetPasswordPage.tsx').then((module) => ({
    default: module.ResetPasswordPage,
  })),
);

/** The page frame and the route: `/`, `/place/<lat>,<lon>/<Name>` (`/day/<date>` for one day), or an account page. */
export function App() {
  const pathname = usePathname();
  const preferences = usePreferences();
  useTheme(preferences.theme);
  useLanguage(preferences.language);
  // Every part of the page is rendered from here, so a new language reaches all of it.
  useLingui();
  useAccountPreferences();
  const route = parsePlacePath(pathname);
  let page;
  // Keyed by place and day, so a new place starts from a fresh page (and its heading takes
  // focus), while a located place that gets its name keeps its page.
  const placeKey = route && formatPlacePath({ ...route, name: undefined });
  if (route?.day)
    page = (
      <Suspense fallback={<div className="skeleton day-page__skeleton" aria-hidden="true" />}>
        <DayPage key={placeKey} route={{ ...route, day: route.day }} />
      </Suspense>
    );
  else if (route) page = <PlacePage key={placeKey} route={route} />;
  else if (pathname === '/') page = <StartPage />;
  else if (pathname === SIGN_IN_PATH) page = <AuthPage mode="signIn" />;
  else if (pathname === SIGN_UP_PATH) page = <AuthPage mode="signUp" />;
  else if (pathname === ACCOUNT_PATH) page = <AccountPage />;
  else if (pathname === FORGOT_PASSWORD_PATH) page = <ForgotPasswordPage />;
  else if (pathname === RESET_PASSWORD_PATH) page = <ResetPasswordPage />;
  else page = <NotFoundPage />;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <SiteHeader />
      {/* A page that fails to render is replaced, never the whole app: the header, its search and the way home stay. */}
      <ErrorBoundary FallbackComponent={PageFailed} resetKeys={[pathname]}>
        <main id="main" className="page site-main" tabIndex={-1}>
          <Suspense fallback={null}>{page}</Suspense>
        </main>
        <SiteFooter
          coordinates={route ? { latitude: route.latitude, longitude: route.longitude } : undefined}
        />
      </ErrorBoundary>
    </>
  );
}
