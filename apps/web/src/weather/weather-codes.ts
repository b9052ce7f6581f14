/**
 * WMO 4677 present-weather codes (the model's `weatherCode`, 0–99) as words
 * and an icon. Open-Meteo sends a subset (0–3, 45, 48, 51–57, 61–67, 71–77,
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
  /** Words a person would use, e.g. "Light rain". */
  label: string;
  /** An emoji for the conditions, chosen for day or night. */
  icon: string;
  kind: WeatherKind;
}

const ICONS: Record<WeatherKind, { day: string; night: string }> = {
  clear: { day: '☀️', night: '🌙' },
  'mostly-clear': { day: '🌤️', night: '🌙' },
  'partly-cloudy': { day: '⛅', night: '☁️' },
  overcast: { day: '☁️', night: '☁️' },
  haze: { day: '🌫️', night: '🌫️' },
  dust: { day: '💨', night: '💨' },
  fog: { day: '🌫️', night: '🌫️' },
  lightning: { day: '🌩️', night: '🌩️' },
  wind: { day: '💨', night: '💨' },
  tornado: { day: '🌪️', night: '🌪️' },
  drizzle: { day: '🌦️', night: '🌧️' },
  rain: { day: '🌧️', night: '🌧️' },
  'freezing-rain': { day: '🌧️', night: '🌧️' },
  sleet: { day: '🌨️', night: '🌨️' },
  snow: { day: '🌨️', night: '🌨️' },
  showers: { day: '🌦️', night: '🌧️' },
  'snow-showers': { day: '🌨️', night: '🌨️' },
  hail: { day: '🌨️', night: '🌨️' },
  thunderstorm: { day: '⛈️', night: '⛈️' },
};

/** Code → [words, kind], one entry per WMO 4677 code. */
const CODES: Record<number, readonly [string, WeatherKind]> = {
  0: ['Clear sky', 'clear'],
  1: ['Mainly clear', 'mostly-clear'],
  2: ['Partly cloudy', 'partly-cloudy'],
  3: ['Overcast', 'overcast'],
  4: ['Smoke', 'haze'],
  5: ['Haze', 'haze'],
  6: ['Dust in the air', 'dust'],
  7: ['Blowing dust', 'dust'],
  8: ['Dust whirls', 'dust'],
  9: ['Duststorm nearby', 'dust'],
  10: ['Mist', 'fog'],
  11: ['Patches of shallow fog', 'fog'],
  12: ['Shallow fog', 'fog'],
  13: ['Lightning, no thunder', 'lightning'],
  14: ['Precipitation in sight', 'overcast'],
  15: ['Precipitation in the distance', 'overcast'],
  16: ['Precipitation nearby', 'overcast'],
  17: ['Thunder, no rain', 'lightning'],
  18: ['Squalls', 'wind'],
  19: ['Funnel cloud', 'tornado'],
  20: ['Drizzle earlier', 'overcast'],
  21: ['Rain earlier', 'overcast'],
  22: ['Snow earlier', 'overcast'],
  23: ['Sleet earlier', 'overcast'],
  24: ['Freezing rain earlier', 'overcast'],
  25: ['Rain showers earlier', 'partly-cloudy'],
  26: ['Snow showers earlier', 'partly-cloudy'],
  27: ['Hail earlier', 'partly-cloudy'],
  28: ['Fog earlier', 'partly-cloudy'],
  29: ['Thunderstorm earlier', 'partly-cloudy'],
  30: ['Duststorm', 'dust'],
  31: ['Duststorm', 'dust'],
  32: ['Duststorm', 'dust'],
  33: ['Severe duststorm', 'dust'],
  34: ['Severe duststorm', 'dust'],
  35: ['Severe duststorm', 'dust'],
  36: ['Drifting snow', 'snow'],
  37: ['Heavy drifting snow', 'snow'],
  38: ['Blowing snow', 'snow'],
  39: ['Heavy blowing snow', 'snow'],
  40: ['Fog in the distance', 'fog'],
  41: ['Patchy fog', 'fog'],
  42: ['Thinning fog', 'fog'],
  43: ['Thinning fog', 'fog'],
  44: ['Fog', 'fog'],
  45: ['Fog', 'fog'],
  46: ['Thickening fog', 'fog'],
  47: ['Thickening fog', 'fog'],
  48: ['Freezing fog', 'fog'],
  49: ['Freezing fog', 'fog'],
  50: ['Light drizzle', 'drizzle'],
  51: ['Light drizzle', 'drizzle'],
  52: ['Drizzle', 'drizzle'],
  53: ['Drizzle', 'drizzle'],
  54: ['Heavy drizzle', 'drizzle'],
  55: ['Heavy drizzle', 'drizzle'],
  56: ['Light freezing drizzle', 'freezing-rain'],
  57: ['Freezing drizzle', 'freezing-rain'],
  58: ['Light drizzle and rain', 'drizzle'],
  59: ['Drizzle and rain', 'rain'],
  60: ['Light rain', 'rain'],
  61: ['Light rain', 'rain'],
  62: ['Rain', 'rain'],
  63: ['Rain', 'rain'],
  64: ['Heavy rain', 'rain'],
  65: ['Heavy rain', 'rain'],
  66: ['Light freezing rain', 'freezing-rain'],
  67: ['Freezing rain', 'freezing-rain'],
  68: ['Light sleet', 'sleet'],
  69: ['Sleet', 'sleet'],
  70: ['Light snow', 'snow'],
  71: ['Light snow', 'snow'],
  72: ['Snow', 'snow'],
  73: ['Snow', 'snow'],
  74: ['Heavy snow', 'snow'],
  75: ['Heavy snow', 'snow'],
  76: ['Diamond dust', 'snow'],
  77: ['Snow grains', 'snow'],
  78: ['Snow crystals', 'snow'],
  79: ['Ice pellets', 'sleet'],
  80: ['Light rain showers', 'showers'],
  81: ['Rain showers', 'showers'],
  82: ['Violent rain showers', 'showers'],
  83: ['Light sleet showers', 'sleet'],
  84: ['Sleet showers', 'sleet'],
  85: ['Light snow showers', 'snow-showers'],
  86: ['Heavy snow showers', 'snow-showers'],
  87: ['Light showers of small hail', 'hail'],
  88: ['Showers of small hail', 'hail'],
  89: ['Light hail showers', 'hail'],
  90: ['Hail showers', 'hail'],
  91: ['Light rain after thunder', 'showers'],
  92: ['Rain after thunder', 'showers'],
  93: ['Light snow or hail after thunder', 'snow-showers'],
  94: ['Snow or hail after thunder', 'snow-showers'],
  95: ['Thunderstorm', 'thunderstorm'],
  96: ['Thunderstorm with hail', 'thunderstorm'],
  97: ['Heavy thunderstorm', 'thunderstorm'],
  98: ['Thunderstorm with duststorm', 'thunderstorm'],
  99: ['Thunderstorm with heavy hail', 'thunderstorm'],
};

/**
 * Words and an icon for a WMO weather code.
 *
 * @example
 * describeWeather(61, true) // { label: 'Light rain', icon: '🌧️', kind: 'rain' }
 * describeWeather(0, false) // { label: 'Clear sky', icon: '🌙', kind: 'clear' }
 */
export function describeWeather(code: number, isDay: boolean): WeatherDescription {
  const [label, kind] = CODES[code] ?? ['Unknown conditions', 'overcast'];
  const icons = ICONS[kind];
  return { label, kind, icon: isDay ? icons.day : icons.night };
}
