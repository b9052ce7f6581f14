import { Trans } from '@lingui/react';
import type { FallbackProps } from 'react-error-boundary';

import { t } from '../i18n/i18n.ts';
import { AppLink } from '../navigation/AppLink.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import './StartPage.css';

/**
 * What the app's error boundary shows instead of a page (or its footer) that
 * failed to render: the header stays, with a way to try again and a way home.
 */
export function PageFailed({ resetErrorBoundary }: FallbackProps) {
  useDocumentTitle(t('pageFailed.documentTitle'));
  return (
    <main id="main" className="page site-main" tabIndex={-1}>
      <div className="start" role="alert">
        <h1 className="start__title">{t('pageFailed.title')}</h1>
        <p className="start__lead">
          <Trans id="pageFailed.lead" components={{ 0: <AppLink href="/" /> }} />
        </p>
        <button type="button" className="button" onClick={resetErrorBoundary}>
          {t('error.retry')}
        </button>
      </div>
    </main>
  );
}
