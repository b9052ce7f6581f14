import type { ProviderId } from '../api-types.ts';

export interface Attribution {
  text: string;
  href: string;
}

const ATTRIBUTIONS: Record<ProviderId, Attribution> = {
  'open-meteo': { text: 'Weather data by Open-Meteo.com', href: 'https://open-meteo.com/' },
  openweather: { text: 'Weather data by OpenWeather', href: 'https://openweathermap.org/' },
};

/**
 * The credit a provider's terms ask for, as text and link.
 *
 * @example
 * attributionFor('open-meteo') // { text: 'Weather data by Open-Meteo.com', href: 'https://open-meteo.com/' }
 */
export function attributionFor(source: ProviderId): Attribution {
  return ATTRIBUTIONS[source];
}
