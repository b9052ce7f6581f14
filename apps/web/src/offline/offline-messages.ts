/**
 * Every word the offline state shows, in one place (so they move into the
 * message catalogues as a whole).
 */
export const offlineMessages = {
  bannerTitle: 'You’re offline.',
  /** The stored forecast's time and age, e.g. "14:05" and "2 h ago". */
  bannerBody: (time: string, ago: string) =>
    `Showing the forecast stored on this device at ${time} (${ago}); it updates by itself when you’re back online.`,
  /** The network is there but Skycast's server did not answer, so the stored copy is shown. */
  unreachableTitle: 'Skycast cannot be reached.',
  unreachableBody: (time: string, ago: string) =>
    `Showing the forecast stored on this device at ${time} (${ago}); it updates when Skycast answers again.`,
  /** Heading of the current conditions when they are a stored copy, not now. */
  currentAsOf: (time: string) => `As of ${time}`,
  /** Beside a stored copy of another section (air quality), e.g. "14:05". */
  storedAt: (time: string) => `The copy stored on this device at ${time}.`,
  noStoredForecastTitle: 'You’re offline',
  noStoredForecast:
    'No forecast for this place is stored on this device. It loads by itself when you’re back online.',
  searchNeedsNetwork: 'Search needs a network connection. Places you opened before still open.',
} as const;
