import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { errorMessage } from '../error-message.ts';
import { intlLocale, t } from '../i18n/i18n.ts';
import { trpc } from '../trpc.ts';
import type { RuleAndSchedule } from './use-watch-form.ts';

/**
 * The form's "Preview" button and its answer: when the rule as typed would
 * have notified in the last 48 hours. `check` returns the form's input, or
 * null when it is refused (and shows why).
 */
export function WatchPreview({
  placeId,
  check,
}: {
  placeId: string;
  check: () => RuleAndSchedule | null;
}) {
  /** What the last "Preview" click asked about; null until one. */
  const [previewed, setPreviewed] = useState<RuleAndSchedule | null>(null);
  const preview = useQuery({
    ...trpc.watches.preview.queryOptions({
      placeId,
      ...(previewed ?? { rule: { kind: 'rain-stops' } }),
    }),
    enabled: previewed !== null,
  });
  return (
    <div className="watch-form__preview">
      <button type="button" className="button button--quiet" onClick={() => setPreviewed(check())}>
        {t('watches.preview.button')}
      </button>
      <div role="status">
        {previewed && preview.isFetching && <p>{t('watches.preview.loading')}</p>}
        {previewed && preview.error && !preview.isFetching && (
          <p className="field__error">{errorMessage(preview.error)}</p>
        )}
        {previewed && preview.data && !preview.isFetching && (
          <PreviewAnswer answer={preview.data} />
        )}
      </div>
    </div>
  );
}

const previewTime = (iso: string) =>
  new Intl.DateTimeFormat(intlLocale(), {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(Date.parse(iso));

/** When the rule would have notified in the last 48 hours, in words. */
function PreviewAnswer({
  answer,
}: {
  answer: { supported: boolean; events: { at: string; title: string; body: string }[] };
}) {
  if (!answer.supported) return <p>{t('watches.preview.unsupported')}</p>;
  if (answer.events.length === 0) return <p>{t('watches.preview.none')}</p>;
  return (
    <>
      <p>{t('watches.preview.fired', { count: answer.events.length })}</p>
      <ul className="watch-form__fired">
        {answer.events.map((event) => (
          <li key={`${event.at} ${event.title}`}>
            <time dateTime={event.at}>{previewTime(event.at)}</time> — {event.title}
          </li>
        ))}
      </ul>
    </>
  );
}
