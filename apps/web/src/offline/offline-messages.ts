import { t } from '../i18n/i18n.ts';

/**
 * Every word the offline state shows, in one place, from the message
 * catalogues: getters, so each read is in the language active then.
 */
export const offlineMessages = {
  get bannerTitle() {
    return t('offline.bannerTitle');
  },
  /** The stored forecast's time and age, e.g. "14:05" and "2 h ago". */
  bannerBody: (time: string, ago: string) => t('offline.bannerBody', { time, ago }),
  /** The network is there but Skycast's server did not answer, so the stored copy is shown. */
  get unreachableTitle() {
    return t('offline.unreachableTitle');
  },
  unreachableBody: (time: string, ago: string) => t('offline.unreachableBody', { time, ago }),
  /** Heading of the current conditions when they are a stored copy, not now. */
  currentAsOf: (time: string) => t('offline.currentAsOf', { time }),
  /** Beside a stored copy of another section (air quality), e.g. "14:05". */
  storedAt: (time: string) => t('offline.storedAt', { time }),
  get noStoredForecastTitle() {
    return t('offline.noStoredForecastTitle');
  },
  get noStoredForecast() {
    return t('offline.noStoredForecast');
  },
  /** A section (air quality, sun and moon) of a place never opened here, offline. */
  get sectionNotStored() {
    return t('offline.sectionNotStored');
  },
  get searchNeedsNetwork() {
    return t('offline.searchNeedsNetwork');
  },
};
