import { Trans } from '@lingui/react';

import { clockTimeAt } from '../weather/local-time.ts';

interface StaleBannerProps {
  fetchedAt: string;
  timeZone: string;
}

/** Says that the forecast is an older copy because the weather service did not answer. */
export function StaleBanner({ fetchedAt, timeZone }: StaleBannerProps) {
  return (
    <p className="banner banner--warning" role="status">
      <span className="emoji" aria-hidden="true">
        ⚠️
      </span>
      <span>
        <Trans
          id="forecast.stale"
          values={{ time: clockTimeAt(fetchedAt, timeZone) }}
          components={{ 0: <time dateTime={fetchedAt} /> }}
        />
      </span>
    </p>
  );
}
