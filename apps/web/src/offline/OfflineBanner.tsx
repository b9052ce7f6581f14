import { useNow } from '../ui/use-now.ts';
import { clockTimeAt } from '../weather/local-time.ts';
import { formatTimeAgo } from '../weather/time-ago.ts';
import { offlineMessages } from './offline-messages.ts';

interface OfflineBannerProps {
  /** When the server fetched the forecast shown: its real age, not when this device got it. */
  fetchedAt: string;
  timeZone: string;
}

/** Says the forecast on screen is the copy this device stored, and how old it is. */
export function OfflineBanner({ fetchedAt, timeZone }: OfflineBannerProps) {
  const now = useNow(30_000);
  return (
    <p className="banner banner--offline" role="status">
      <span className="emoji" aria-hidden="true">
        📴
      </span>
      <span>
        <strong>{offlineMessages.bannerTitle}</strong>{' '}
        {offlineMessages.bannerBody(
          clockTimeAt(fetchedAt, timeZone),
          formatTimeAgo(fetchedAt, now),
        )}
      </span>
    </p>
  );
}
