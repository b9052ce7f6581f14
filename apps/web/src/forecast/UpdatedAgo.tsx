import { intlLocale, t } from '../i18n/i18n.ts';
import { formatTimeAgo } from '../weather/time-ago.ts';
import { useNow } from '../ui/use-now.ts';

/** "Updated 3 min ago", kept current while the page stays open. */
export function UpdatedAgo({ fetchedAt }: { fetchedAt: string }) {
  const now = useNow(30_000);
  return (
    <time dateTime={fetchedAt} title={new Date(fetchedAt).toLocaleString(intlLocale())}>
      {t('forecast.updated', { ago: formatTimeAgo(fetchedAt, now) })}
    </time>
  );
}
