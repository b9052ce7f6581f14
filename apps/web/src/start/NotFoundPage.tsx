import { Trans } from '@lingui/react';

import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import './StartPage.css';

/** A path the app does not know, e.g. a mistyped place link. */
export function NotFoundPage() {
  useDocumentTitle(t('notFound.documentTitle'));
  return (
    <div className="start">
      <h1 className="start__title">{t('notFound.title')}</h1>
      <p className="start__lead">
        <Trans id="notFound.lead" components={{ 0: <AppLink href="/" /> }} />
      </p>
    </div>
  );
}
