import { t, type MessageKey } from '../i18n/i18n.ts';
import type { IconName } from './icon-names.ts';

/**
 * WMO 4677 present-weather codes (the model's `weatherCode`, 0–99) as words
 * and an icon (Meteocons). Open-Meteo sends a subset (0–3, 45, 48, 51–57, 61–67, 71–77,
 * 80–86, 95–99); the rest are mapped too because the model allows any of them.
 */

export type WeatherKind =
  | 'clear'
  | 'mostly-clear'
  | 'partly-cloudy'
  | 'overcast'
  | 'haze'
  | 'dust'
  | 'fog'
  | 'lightning'
  | 'wind'
  | 'tornado'
  | 'drizzle'
  | 'rain'
  | 'freezing-rain'
  | 'sleet'
  | 'snow'
  | 'showers'
  | 'snow-showers'
  | 'hail'
  | 'thunderstorm';

export interface WeatherDescription {
  /** Words a person would use, e.g. "Light rain", in the page's language. */
  label: string;
  /** The Meteocons icon for the conditions, chosen for day or night (`icon-urls.ts`). */
  icon: IconName;
  kind: WeatherKind;
}

const ICONS: Record<WeatherKind, { day: IconName; night: IconName }> = {
  clear: { day: 'clear-day', night: 'clear-night' },
  'mostly-clear': { day: 'partly-cloudy-day', night: 'partly-cloudy-night' },
  'partly-cloudy': { day: 'partly-cloudy-day', night: 'partly-cloudy-night' },
  overcast: { day: 'overcast', night: 'overcast' },
  haze: { day: 'haze-day', night: 'haze-night' },
  dust: { day: 'dust-day', night: 'dust-night' },
  fog: { day: 'fog-day', night: 'fog-night' },
  lightning: { day: 'thunderstorms-day', night: 'thunderstorms-night' },
  wind: { day: 'wind', night: 'wind' },
  tornado: { day: 'tornado', night: 'tornado' },
  drizzle: { day: 'drizzle', night: 'drizzle' },
  rain: { day: 'rain', night: 'rain' },
  'freezing-rain': { day: 'sleet', night: 'sleet' },
  sleet: { day: 'sleet', night: 'sleet' },
  snow: { day: 'snow', night: 'snow' },
  showers: { day: 'partly-cloudy-day-rain', night: 'partly-cloudy-night-rain' },
  'snow-showers': { day: 'partly-cloudy-day-snow', night: 'partly-cloudy-night-snow' },
  hail: { day: 'hail', night: 'hail' },
  thunderstorm: { day: 'thunderstorms-day-rain', night: 'thunderstorms-night-rain' },
};

/** Code → [catalogue key of its words, kind], one entry per WMO 4677 code. */
const CODES: Record<number, readonly [MessageKey, WeatherKind]> = {
  0: ['weather.clearSky', 'clear'],
  1: ['weather.mainlyClear', 'mostly-clear'],
  2: ['weather.partlyCloudy', 'partly-cloudy'],
  3: ['weather.overcast', 'overcast'],
  4: ['weather.smoke', 'haze'],
  5: ['weather.haze', 'haze'],
  6: ['weather.dustInTheAir', 'dust'],
  7: ['weather.blowingDust', 'dust'],
  8: ['weather.dustWhirls', 'dust'],
  9: ['weather.duststormNearby', 'dust'],
  10: ['weather.mist', 'fog'],
  11: ['weather.patchesOfShallowFog', 'fog'],
  12: ['weather.shallowFog', 'fog'],
  13: ['weather.lightningNoThunder', 'lightning'],
  14: ['weather.precipitationInSight', 'overcast'],
  15: ['weather.precipitationInTheDistance', 'overcast'],
  16: ['weather.precipitationNearby', 'overcast'],
  17: ['weather.thunderNoRain', 'lightning'],
  18: ['weather.squalls', 'wind'],
  19: ['weather.funnelCloud', 'tornado'],
  20: ['weather.drizzleEarlier', 'overcast'],
  21: ['weather.rainEarlier', 'overcast'],
  22: ['weather.snowEarlier', 'overcast'],
  23: ['weather.sleetEarlier', 'overcast'],
  24: ['weather.freezingRainEarlier', 'overcast'],
  25: ['weather.rainShowersEarlier', 'partly-cloudy'],
  26: ['weather.snowShowersEarlier', 'partly-cloudy'],
  27: ['weather.hailEarlier', 'partly-cloudy'],
  28: ['weather.fogEarlier', 'partly-cloudy'],
  29: ['weather.thunderstormEarlier', 'partly-cloudy'],
  30: ['weather.duststorm', 'dust'],
  31: ['weather.duststorm', 'dust'],
  32: ['weather.duststorm', 'dust'],
  33: ['weather.severeDuststorm', 'dust'],
  34: ['weather.severeDuststorm', 'dust'],
  35: ['weather.severeDuststorm', 'dust'],
  36: ['weather.driftingSnow', 'snow'],
  37: ['weather.heavyDriftingSnow', 'snow'],
  38: ['weather.blowingSnow', 'snow'],
  39: ['weather.heavyBlowingSnow', 'snow'],
  40: ['weather.fogInTheDistance', 'fog'],
  41: ['weather.patchyFog', 'fog'],
  42: ['weather.thinningFog', 'fog'],
  43: ['weather.thinningFog', 'fog'],
  44: ['weather.fog', 'fog'],
  45: ['weather.fog', 'fog'],
  46: ['weather.thickeningFog', 'fog'],
  47: ['weather.thickeningFog', 'fog'],
  48: ['weather.freezingFog', 'fog'],
  49: ['weather.freezingFog', 'fog'],
  50: ['weather.lightDrizzle', 'drizzle'],
  51: ['weather.lightDrizzle', 'drizzle'],
  52: ['weather.drizzle', 'drizzle'],
  53: ['weather.drizzle', 'drizzle'],
  54: ['weather.heavyDrizzle', 'drizzle'],
  55: ['weather.heavyDrizzle', 'drizzle'],
  56: ['weather.lightFreezingDrizzle', 'freezing-rain'],
  57: ['weather.freezingDrizzle', 'freezing-rain'],
  58: ['weather.lightDrizzleAndRain', 'drizzle'],
  59: ['weather.drizzleAndRain', 'rain'],
  60: ['weather.lightRain', 'rain'],
  61: ['weather.lightRain', 'rain'],
  62: ['weather.rain', 'rain'],
  63: ['weather.rain', 'rain'],
  64: ['weather.heavyRain', 'rain'],
  65: ['weather.heavyRain', 'rain'],
  66: ['weather.lightFreezingRain', 'freezing-rain'],
  67: ['weather.freezingRain', 'freezing-rain'],
  68: ['weather.lightSleet', 'sleet'],
  69: ['weather.sleet', 'sleet'],
  70: ['weather.lightSnow', 'snow'],
  71: ['weather.lightSnow', 'snow'],
  72: ['weather.snow', 'snow'],
  73: ['weather.snow', 'snow'],
  74: ['weather.heavySnow', 'snow'],
  75: ['weather.heavySnow', 'snow'],
  76: ['weather.diamondDust', 'snow'],
  77: ['weather.snowGrains', 'snow'],
  78: ['weather.snowCrystals', 'snow'],
  79: ['weather.icePellets', 'sleet'],
  80: ['weather.lightRainShowers', 'showers'],
  81: ['weather.rainShowers', 'showers'],
  82: ['weather.violentRainShowers', 'showers'],
  83: ['weather.lightSleetShowers', 'sleet'],
  84: ['weather.sleetShowers', 'sleet'],
  85: ['weather.lightSnowShowers', 'snow-showers'],
  86: ['weather.heavySnowShowers', 'snow-showers'],
  87: ['weather.lightShowersOfSmallHail', 'hail'],
  88: ['weather.showersOfSmallHail', 'hail'],
  89: ['weather.lightHailShowers', 'hail'],
  90: ['weather.hailShowers', 'hail'],
  91: ['weather.lightRainAfterThunder', 'showers'],
  92: ['weather.rainAfterThunder', 'showers'],
  93: ['weather.lightSnowOrHailAfterThunder', 'snow-showers'],
  94: ['weather.snowOrHailAfterThunder', 'snow-showers'],
  95: ['weather.thunderstorm', 'thunderstorm'],
  96: ['weather.thunderstormWithHail', 'thunderstorm'],
  97: ['weather.heavyThunderstorm', 'thunderstorm'],
  98: ['weather.thunderstormWithDuststorm', 'thunderstorm'],
  99: ['weather.thunderstormWithHeavyHail', 'thunderstorm'],
};

/**
 * Words and an icon for a WMO weather code.
 *
 * @example
 * describeWeather(61, true) // { label: 'Light rain', icon: 'rain', kind: 'rain' }
 * describeWeather(0, false) // { label: 'Clear sky', icon: 'clear-night', kind: 'clear' }
 */
export function describeWeather(code: number, isDay: boolean): WeatherDescription {
  const [key, kind] = CODES[code] ?? ['weather.unknown', 'overcast'];
  const label = t(key);
  const icons = ICONS[kind];
  return { label, kind, icon: isDay ? icons.day : icons.night };
}
