import type { ProviderId } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';

export interface Attribution {
  text: string;
  href: string;
}

const ATTRIBUTIONS: Record<ProviderId, { provider: string; href: string }> = {
  'open-meteo': { provider: 'Open-Meteo.com', href: 'https://open-meteo.com/' },
  openweather: { provider: 'OpenWeather', href: 'https://openweathermap.org/' },
};

/**
 * The credit a provider's terms ask for, as text and link.
 *
 * @example
 * attributionFor('open-meteo') // { text: 'Weather data by Open-Meteo.com', href: 'https://open-meteo.com/' }
 */
export function attributionFor(source: ProviderId): Attribution {
  const { provider, href } = ATTRIBUTIONS[source];
  return { text: t('forecast.attribution', { provider }), href };
}
