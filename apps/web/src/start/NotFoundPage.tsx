import { AppLink } from '../navigation/AppLink.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import './StartPage.css';

/** A path the app does not know, e.g. a mistyped place link. */
export function NotFoundPage() {
  useDocumentTitle('Page not found — Skycast');
  return (
    <div className="start">
      <h1 className="start__title">Page not found</h1>
      <p className="start__lead">
        This address does not name a place. Search for one above, or go to the{' '}
        <AppLink href="/">start page</AppLink>.
      </p>
    </div>
  );
}
