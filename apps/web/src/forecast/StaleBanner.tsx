import { Trans } from '@lingui/react';

import type { Units } from '../api-types.ts';
import { Glyph } from '../ui/Glyph.tsx';
import { clockTimeAt } from '../weather/local-time.ts';
import { formatTime } from '../weather/units.ts';

interface StaleBannerProps {
  fetchedAt: string;
  timeZone: string;
  clock: Units['clock'];
}

/** Says that the forecast is an older copy because the weather service did not answer. */
export function StaleBanner({ fetchedAt, timeZone, clock }: StaleBannerProps) {
  return (
    <p className="banner banner--warning" role="status">
      <Glyph name="warning" className="banner__glyph" />
      <span>
        <Trans
          id="forecast.stale"
          values={{ time: formatTime(clockTimeAt(fetchedAt, timeZone), clock) }}
          components={{ 0: <time dateTime={fetchedAt} /> }}
        />
      </span>
    </p>
  );
}
