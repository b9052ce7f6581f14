/**
 * OpenWeather condition ids (https://openweathermap.org/weather-conditions)
 * onto WMO 4677 weather codes, the model's common condition code.
 *
 * Most ids have a counterpart among the codes Open-Meteo uses. Where they
 * do not, the nearest honest choice is made:
 * - thunderstorms (2xx) all become 95: OpenWeather never says whether hail falls (96/99);
 * - sleet and rain-and-snow (611–616) become light snow or snow showers: Open-Meteo's
 *   codes have no mixed precipitation, and freezing rain (66/67) is a different hazard;
 * - haze, smoke, dust, sand, ash, squalls and tornadoes (7xx other than fog) keep their own
 *   WMO 4677 codes (4–19), which Open-Meteo never sends: a display needs labels for them.
 */
const WMO_BY_ID: Readonly<Record<number, number>> = {
  // 2xx thunderstorm, with rain or drizzle of any strength
  200: 95,
  201: 95,
  202: 95,
  210: 95,
  211: 95,
  212: 95,
  221: 95,
  230: 95,
  231: 95,
  232: 95,
  // 3xx drizzle
  300: 51,
  301: 53,
  302: 55,
  310: 51,
  311: 53,
  312: 55,
  313: 81,
  314: 82,
  321: 80,
  // 5xx rain
  500: 61,
  501: 63,
  502: 65,
  503: 65,
  504: 65,
  511: 66,
  520: 80,
  521: 81,
  522: 82,
  531: 81,
  // 6xx snow
  600: 71,
  601: 73,
  602: 75,
  611: 71,
  612: 85,
  613: 85,
  615: 71,
  616: 73,
  620: 85,
  621: 86,
  622: 86,
  // 7xx atmosphere
  701: 10, // mist
  711: 4, // smoke
  721: 5, // haze
  731: 8, // sand/dust whirls
  741: 45, // fog
  751: 7, // sand
  761: 6, // dust
  762: 4, // volcanic ash (WMO 4 covers "smoke or volcanic ashes")
  771: 18, // squalls
  781: 19, // tornado (funnel cloud)
  // 800 clear, 80x clouds
  800: 0,
  801: 1,
  802: 2,
  803: 3,
  804: 3,
};

/** For an id OpenWeather adds later: the common code of its group. */
const WMO_BY_GROUP: Readonly<Record<number, number>> = {
  2: 95,
  3: 53,
  5: 63,
  6: 73,
  7: 45,
  8: 3,
};

/**
 * The WMO code for an OpenWeather condition id, or undefined when the id is
 * in no group OpenWeather documents (2xx, 3xx, 5xx, 6xx, 7xx, 80x).
 *
 * @example
 * wmoCodeForOpenWeather(501); // 63, moderate rain
 */
export function wmoCodeForOpenWeather(id: number): number | undefined {
  if (!Number.isInteger(id)) return undefined;
  const known = WMO_BY_ID[id];
  if (known !== undefined) return known;
  if (id >= 800 && id < 810) return WMO_BY_GROUP[8];
  if (id >= 200 && id < 800) return WMO_BY_GROUP[Math.floor(id / 100)];
  return undefined;
}
