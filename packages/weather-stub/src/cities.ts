/**
 * The places the stub knows: real cities with real coordinates, zones and
 * regions, picked so that search has duplicates (two Londons, two Parises),
 * diacritics (Zürich, São Paulo, Kraków, Malmö, Reykjavík, Tromsø) and every
 * continent and kind of UTC offset. Ids are GeoNames ids, as Open-Meteo's are.
 */

export interface City {
  id: number;
  name: string;
  /** Names in other languages, by ISO 639-1 code. */
  localNames: Record<string, string>;
  latitude: number;
  longitude: number;
  elevation: number;
  /** GeoNames feature code: PPLC capital, PPLA seat of a first-order region, ... */
  featureCode: string;
  countryCode: string;
  country: string;
  admin1?: string;
  timezone: string;
  population: number;
  /** Some of its postal codes, as Open-Meteo lists them (`postcodes`) and finds them. */
  postcodes: string[];
}

const COUNTRIES: Record<string, string> = {
  AE: 'United Arab Emirates',
  AR: 'Argentina',
  AT: 'Austria',
  AU: 'Australia',
  BR: 'Brazil',
  CA: 'Canada',
  CH: 'Switzerland',
  CN: 'China',
  CO: 'Colombia',
  CZ: 'Czechia',
  DE: 'Germany',
  DK: 'Denmark',
  EG: 'Egypt',
  ES: 'Spain',
  FI: 'Finland',
  FR: 'France',
  GB: 'United Kingdom',
  GR: 'Greece',
  ID: 'Indonesia',
  IE: 'Ireland',
  IN: 'India',
  IS: 'Iceland',
  IT: 'Italy',
  JP: 'Japan',
  KE: 'Kenya',
  KR: 'South Korea',
  MX: 'Mexico',
  NG: 'Nigeria',
  NL: 'Netherlands',
  NO: 'Norway',
  NP: 'Nepal',
  NZ: 'New Zealand',
  PE: 'Peru',
  PL: 'Poland',
  PT: 'Portugal',
  RU: 'Russia',
  SE: 'Sweden',
  SG: 'Singapore',
  TH: 'Thailand',
  TR: 'Türkiye',
  US: 'United States',
  ZA: 'South Africa',
};

type Row = [
  id: number,
  name: string,
  countryCode: string,
  admin1: string,
  latitude: number,
  longitude: number,
  elevation: number,
  timezone: string,
  population: number,
  featureCode: string,
  localNames?: Record<string, string>,
];

// One city per line reads best as a table.
// prettier-ignore
const ROWS: Row[] = [
  [2950159, 'Berlin', 'DE', 'Berlin', 52.52437, 13.41053, 74, 'Europe/Berlin', 3426354, 'PPLC', { ar: 'برلين', es: 'Berlín' }],
  [2867714, 'Munich', 'DE', 'Bavaria', 48.13743, 11.57549, 524, 'Europe/Berlin', 1260391, 'PPLA', { de: 'München', es: 'Múnich', ar: 'ميونخ' }],
  [2643743, 'London', 'GB', 'England', 51.50853, -0.12574, 25, 'Europe/London', 8961989, 'PPLC', { fr: 'Londres', es: 'Londres', ar: 'لندن' }],
  [2650225, 'Edinburgh', 'GB', 'Scotland', 55.95206, -3.19648, 47, 'Europe/London', 464990, 'PPLA'],
  [6058560, 'London', 'CA', 'Ontario', 42.98339, -81.23304, 251, 'America/Toronto', 422324, 'PPL'],
  [2988507, 'Paris', 'FR', 'Île-de-France', 48.85341, 2.3488, 42, 'Europe/Paris', 2138551, 'PPLC'],
  [4717560, 'Paris', 'US', 'Texas', 33.66094, -95.55551, 183, 'America/Chicago', 24782, 'PPLA2'],
  [2657896, 'Zürich', 'CH', 'Zurich', 47.36667, 8.55, 429, 'Europe/Zurich', 341730, 'PPLA'],
  [2761369, 'Vienna', 'AT', 'Vienna', 48.20849, 16.37208, 171, 'Europe/Vienna', 1691468, 'PPLC', { de: 'Wien', es: 'Viena', fr: 'Vienne', ar: 'فيينا' }],
  [3094802, 'Kraków', 'PL', 'Lesser Poland', 50.06143, 19.93658, 219, 'Europe/Warsaw', 755050, 'PPLA'],
  [756135, 'Warsaw', 'PL', 'Mazovia', 52.22977, 21.01178, 113, 'Europe/Warsaw', 1702139, 'PPLC', { pl: 'Warszawa' }],
  [3067696, 'Prague', 'CZ', 'Prague', 50.08804, 14.42076, 202, 'Europe/Prague', 1165581, 'PPLC', { cs: 'Praha' }],
  [2692969, 'Malmö', 'SE', 'Skåne', 55.60587, 13.00073, 12, 'Europe/Stockholm', 301706, 'PPLA'],
  [2673730, 'Stockholm', 'SE', 'Stockholm', 59.32938, 18.06871, 28, 'Europe/Stockholm', 1515017, 'PPLC'],
  [2618425, 'Copenhagen', 'DK', 'Capital Region', 55.67594, 12.56553, 14, 'Europe/Copenhagen', 1153615, 'PPLC', { da: 'København' }],
  [3143244, 'Oslo', 'NO', 'Oslo', 59.91273, 10.74609, 26, 'Europe/Oslo', 580000, 'PPLC'],
  [3133880, 'Tromsø', 'NO', 'Troms', 69.6489, 18.95508, 10, 'Europe/Oslo', 38980, 'PPLA'],
  [658225, 'Helsinki', 'FI', 'Uusimaa', 60.16952, 24.93545, 26, 'Europe/Helsinki', 558457, 'PPLC'],
  [3413829, 'Reykjavík', 'IS', 'Capital Region', 64.13548, -21.89541, 24, 'Atlantic/Reykjavik', 118918, 'PPLC'],
  [2964574, 'Dublin', 'IE', 'Leinster', 53.33306, -6.24889, 17, 'Europe/Dublin', 1024027, 'PPLC'],
  [2759794, 'Amsterdam', 'NL', 'North Holland', 52.37403, 4.88969, 13, 'Europe/Amsterdam', 741636, 'PPLC'],
  [3117735, 'Madrid', 'ES', 'Madrid', 40.4165, -3.70256, 665, 'Europe/Madrid', 3255944, 'PPLC'],
  [3128760, 'Barcelona', 'ES', 'Catalonia', 41.38879, 2.15899, 29, 'Europe/Madrid', 1620343, 'PPLA'],
  [2267057, 'Lisbon', 'PT', 'Lisbon', 38.71667, -9.13333, 45, 'Europe/Lisbon', 517802, 'PPLC', { pt: 'Lisboa' }],
  [3169070, 'Rome', 'IT', 'Lazio', 41.89193, 12.51133, 20, 'Europe/Rome', 2318895, 'PPLC', { it: 'Roma' }],
  [264371, 'Athens', 'GR', 'Attica', 37.98376, 23.72784, 70, 'Europe/Athens', 664046, 'PPLC', { el: 'Αθήνα' }],
  [745044, 'Istanbul', 'TR', 'Istanbul', 41.01384, 28.94966, 39, 'Europe/Istanbul', 14804116, 'PPLA', { tr: 'İstanbul' }],
  [524901, 'Moscow', 'RU', 'Moscow', 55.75222, 37.61556, 144, 'Europe/Moscow', 10381222, 'PPLC', { ru: 'Москва' }],
  [360630, 'Cairo', 'EG', 'Cairo', 30.06263, 31.24967, 23, 'Africa/Cairo', 9606916, 'PPLC', { ar: 'القاهرة' }],
  [184745, 'Nairobi', 'KE', 'Nairobi County', -1.28333, 36.81667, 1661, 'Africa/Nairobi', 2750547, 'PPLC'],
  [2332459, 'Lagos', 'NG', 'Lagos', 6.45407, 3.39467, 10, 'Africa/Lagos', 9000000, 'PPL'],
  [3369157, 'Cape Town', 'ZA', 'Western Cape', -33.92584, 18.42322, 9, 'Africa/Johannesburg', 3433441, 'PPLA', { af: 'Kaapstad' }],
  [292223, 'Dubai', 'AE', 'Dubai', 25.07725, 55.30927, 5, 'Asia/Dubai', 3790000, 'PPLA'],
  [1275339, 'Mumbai', 'IN', 'Maharashtra', 19.07283, 72.88261, 14, 'Asia/Kolkata', 12691836, 'PPLA'],
  [1273294, 'Delhi', 'IN', 'Delhi', 28.65195, 77.23149, 216, 'Asia/Kolkata', 10927986, 'PPLA'],
  [1261481, 'New Delhi', 'IN', 'Delhi', 28.63576, 77.22445, 216, 'Asia/Kolkata', 317797, 'PPLC'],
  [1283240, 'Kathmandu', 'NP', 'Bagmati Province', 27.70169, 85.3206, 1317, 'Asia/Kathmandu', 1442271, 'PPLC'],
  [1609350, 'Bangkok', 'TH', 'Bangkok', 13.75398, 100.50144, 4, 'Asia/Bangkok', 5104476, 'PPLC'],
  [1880252, 'Singapore', 'SG', '', 1.28967, 103.85007, 15, 'Asia/Singapore', 3547809, 'PPLC'],
  [1642911, 'Jakarta', 'ID', 'Jakarta', -6.21462, 106.84513, 8, 'Asia/Jakarta', 8540121, 'PPLC'],
  [1816670, 'Beijing', 'CN', 'Beijing', 39.9075, 116.39723, 49, 'Asia/Shanghai', 18960744, 'PPLC', { zh: '北京' }],
  [1796236, 'Shanghai', 'CN', 'Shanghai', 31.22222, 121.45806, 12, 'Asia/Shanghai', 24874500, 'PPLA', { zh: '上海' }],
  [1835848, 'Seoul', 'KR', 'Seoul', 37.566, 126.9784, 38, 'Asia/Seoul', 10349312, 'PPLC', { ko: '서울' }],
  [1850147, 'Tokyo', 'JP', 'Tokyo', 35.6895, 139.69171, 44, 'Asia/Tokyo', 9733276, 'PPLC', { ja: '東京' }],
  [2147714, 'Sydney', 'AU', 'New South Wales', -33.86785, 151.20732, 58, 'Australia/Sydney', 4627345, 'PPLA'],
  [2158177, 'Melbourne', 'AU', 'Victoria', -37.814, 144.96332, 31, 'Australia/Melbourne', 4246375, 'PPLA'],
  [2193733, 'Auckland', 'NZ', 'Auckland', -36.84853, 174.76349, 26, 'Pacific/Auckland', 417910, 'PPLA'],
  [5856195, 'Honolulu', 'US', 'Hawaii', 21.30694, -157.85833, 18, 'Pacific/Honolulu', 371657, 'PPLA'],
  [5879400, 'Anchorage', 'US', 'Alaska', 61.21806, -149.90028, 31, 'America/Anchorage', 291826, 'PPL'],
  [6173331, 'Vancouver', 'CA', 'British Columbia', 49.24966, -123.11934, 70, 'America/Vancouver', 600000, 'PPL'],
  [5391959, 'San Francisco', 'US', 'California', 37.77493, -122.41942, 16, 'America/Los_Angeles', 864816, 'PPLA2'],
  [5368361, 'Los Angeles', 'US', 'California', 34.05223, -118.24368, 96, 'America/Los_Angeles', 3971883, 'PPLA2'],
  [3530597, 'Mexico City', 'MX', 'Mexico City', 19.42847, -99.12766, 2240, 'America/Mexico_City', 12294193, 'PPLC', { es: 'Ciudad de México' }],
  [4887398, 'Chicago', 'US', 'Illinois', 41.85003, -87.65005, 180, 'America/Chicago', 2720546, 'PPLA2'],
  [6167865, 'Toronto', 'CA', 'Ontario', 43.70011, -79.4163, 175, 'America/Toronto', 2600000, 'PPLA'],
  [6077243, 'Montréal', 'CA', 'Quebec', 45.50884, -73.58781, 216, 'America/Toronto', 1600000, 'PPL'],
  [5128581, 'New York', 'US', 'New York', 40.71427, -74.00597, 10, 'America/New_York', 8804190, 'PPL'],
  [3688689, 'Bogotá', 'CO', 'Bogota D.C.', 4.60971, -74.08175, 2582, 'America/Bogota', 7674366, 'PPLC'],
  [3936456, 'Lima', 'PE', 'Lima', -12.04318, -77.02824, 161, 'America/Lima', 7737002, 'PPLC'],
  [3448439, 'São Paulo', 'BR', 'São Paulo', -23.5475, -46.63611, 769, 'America/Sao_Paulo', 10021295, 'PPLA'],
  [3451190, 'Rio de Janeiro', 'BR', 'Rio de Janeiro', -22.90642, -43.18223, 7, 'America/Sao_Paulo', 6023699, 'PPLA'],
  [3435910, 'Buenos Aires', 'AR', 'Buenos Aires F.D.', -34.61315, -58.37723, 25, 'America/Argentina/Buenos_Aires', 13076300, 'PPLC'],
];

// A few postal codes per city, for searches by postal code (real ones, by GeoNames id).
const POSTCODES: Record<number, string[]> = {
  2950159: ['10115', '10117', '10178', '10967'],
  2867714: ['80331', '80333'],
  2643743: ['EC1A', 'SW1A', 'WC2N'],
  2988507: ['75001', '75004'],
  5128581: ['10001', '10002', '10007'],
  4887398: ['60601', '60602'],
  2761369: ['1010'],
  2657896: ['8001'],
  1850147: ['100-0001'],
};

export const CITIES: readonly City[] = ROWS.map(
  ([
    id,
    name,
    countryCode,
    admin1,
    latitude,
    longitude,
    elevation,
    timezone,
    population,
    featureCode,
    localNames,
  ]) => ({
    id,
    name,
    localNames: localNames ?? {},
    latitude,
    longitude,
    elevation,
    featureCode,
    countryCode,
    country: COUNTRIES[countryCode] ?? countryCode,
    ...(admin1 ? { admin1 } : {}),
    timezone,
    population,
    postcodes: POSTCODES[id] ?? [],
  }),
);

// Letters that Unicode does not decompose into a base letter plus a mark.
const FOLDED: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower case without diacritics: "Zürich" → "zurich", "Tromsø" → "tromso". */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøæœßđðþı]/g, (letter) => FOLDED[letter] ?? letter)
    .replace(/\s+/g, ' ')
    .trim();
}

const namesOf = (city: City) => [city.name, ...Object.values(city.localNames)].map(foldName);
const byPopulation = (a: City, b: City) => b.population - a.population;

/**
 * Open-Meteo's matching: fewer than 2 characters find nothing, 2 must match a
 * name exactly, 3 or more match by prefix; most populous first.
 */
export function searchCities(query: string, options: { countryCode?: string } = {}): City[] {
  const folded = foldName(query);
  if (folded.length < 2) return [];
  const matches = (name: string) =>
    folded.length === 2 ? name === folded : name.startsWith(folded);
  // A postal code finds the places that have it, whole ("10001", "sw1a").
  const hasPostcode = (city: City) => city.postcodes.some((code) => foldName(code) === folded);
  const country = options.countryCode?.toUpperCase();
  return CITIES.filter(
    (city) =>
      (!country || city.countryCode === country) &&
      (hasPostcode(city) || namesOf(city).some(matches)),
  ).sort(byPopulation);
}

// OpenWeather narrows US places by state code ("Paris,TX,US").
const US_STATE_CODES: Record<string, string> = {
  Alaska: 'AK',
  California: 'CA',
  Hawaii: 'HI',
  Illinois: 'IL',
  'New York': 'NY',
  Texas: 'TX',
};

/** OpenWeather's direct geocoding: whole names only, optionally narrowed by region and country. */
export function findCitiesNamed(name: string, region?: string, countryCode?: string): City[] {
  const folded = foldName(name);
  const foldedRegion = region ? foldName(region) : undefined;
  return CITIES.filter(
    (city) =>
      namesOf(city).includes(folded) &&
      (!countryCode || city.countryCode === countryCode.toUpperCase()) &&
      (!foldedRegion ||
        foldName(city.admin1 ?? '') === foldedRegion ||
        foldName(US_STATE_CODES[city.admin1 ?? ''] ?? '') === foldedRegion),
  ).sort(byPopulation);
}

/** Great-circle distance in kilometres. */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function nearestCity(
  latitude: number,
  longitude: number,
): { city: City; distanceKm: number } {
  let best = { city: CITIES[0]!, distanceKm: Number.POSITIVE_INFINITY };
  for (const city of CITIES) {
    const distance = distanceKm(latitude, longitude, city.latitude, city.longitude);
    if (distance < best.distanceKm) best = { city, distanceKm: distance };
  }
  return best;
}
