import { onlineManager } from '@tanstack/react-query';

import { Glyph } from '../ui/Glyph.tsx';
import { useNow } from '../ui/use-now.ts';
import { clockTimeAt } from '../weather/local-time.ts';
import { formatTimeAgo } from '../weather/time-ago.ts';
import type { Units } from '../api-types.ts';
import { formatTime } from '../weather/units.ts';
import { offlineMessages } from './offline-messages.ts';

interface OfflineBannerProps {
  /** When the server fetched the forecast shown: its real age, not when this device got it. */
  fetchedAt: string;
  timeZone: string;
  /** The person's 12- or 24-hour clock. */
  clock: Units['clock'];
}

/**
 * Says the forecast on screen is the copy this device stored, how old it is,
 * and why: no network, or a network without an answer from Skycast.
 */
export function OfflineBanner({ fetchedAt, timeZone, clock }: OfflineBannerProps) {
  const now = useNow(30_000);
  // Rendered again whenever either changes (useOffline): the browser's word on the network decides.
  const offline = !onlineManager.isOnline();
  const time = formatTime(clockTimeAt(fetchedAt, timeZone), clock);
  const ago = formatTimeAgo(fetchedAt, now);
  return (
    <p className="banner banner--offline" role="status">
      <Glyph name="offline" className="banner__glyph" />
      <span>
        <strong>{offline ? offlineMessages.bannerTitle : offlineMessages.unreachableTitle}</strong>{' '}
        {offline
          ? offlineMessages.bannerBody(time, ago)
          : offlineMessages.unreachableBody(time, ago)}
      </span>
    </p>
  );
}
