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
