import { PlacePage } from './forecast/PlacePage.tsx';
import { SiteFooter } from './layout/SiteFooter.tsx';
import { SiteHeader } from './layout/SiteHeader.tsx';
import { usePathname } from './navigation/use-location.ts';
import { parsePlacePath } from './place/place-path.ts';
import { usePreferences } from './preferences/use-preferences.ts';
import { useTheme } from './preferences/use-theme.ts';
import { NotFoundPage } from './start/NotFoundPage.tsx';
import { StartPage } from './start/StartPage.tsx';
import './App.css';

/** The page frame and the route: `/` or `/place/<lat>,<lon>/<Name>`. */
export function App() {
  const pathname = usePathname();
  useTheme(usePreferences().theme);
  const route = parsePlacePath(pathname);
  let page;
  // Keyed by path, so a new place starts from a fresh page (and its heading takes focus).
  if (route) page = <PlacePage key={pathname} route={route} />;
  else if (pathname === '/') page = <StartPage />;
  else page = <NotFoundPage />;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" className="page site-main" tabIndex={-1}>
        {page}
      </main>
      <SiteFooter
        coordinates={route ? { latitude: route.latitude, longitude: route.longitude } : undefined}
      />
    </>
  );
}
