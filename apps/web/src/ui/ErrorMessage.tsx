import { errorMessage } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import './ErrorMessage.css';

interface ErrorMessageProps {
  /** What failed, e.g. "The forecast could not be loaded". */
  title: string;
  /** What happened and what to do: the API's message, written for people. */
  message: string;
  onRetry: () => void;
  retrying?: boolean;
  /** Announce it at once (role=alert); off where a live region already speaks for it. */
  announce?: boolean;
}

/** A failure, said plainly, with a way to try again. */
export function ErrorMessage({
  title,
  message,
  onRetry,
  retrying = false,
  announce = true,
}: ErrorMessageProps) {
  return (
    <div className="error-message" role={announce ? 'alert' : undefined}>
      <p className="error-message__title">{title}</p>
      <p className="error-message__text">{message}</p>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        {retrying ? t('error.retrying') : t('error.retry')}
      </button>
    </div>
  );
}

interface FailedQuery {
  error: unknown;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/** {@link ErrorMessage} for a query that failed: its error said for people, and a retry that refetches it. */
export function QueryErrorMessage({ title, query }: { title: string; query: FailedQuery }) {
  return (
    <ErrorMessage
      title={title}
      message={errorMessage(query.error)}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
    />
  );
}
