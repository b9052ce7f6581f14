/**
 * The warnings the stub issues: a few realistic ones at known places, in
 * force from a little before "now" (on the hour, so answers are stable within
 * an hour) for a day. Their texts follow the issuers' own styles (NWS
 * bulletins, DWD's and the Met Office's English CAP blocks).
 */

export interface SampleWarning {
  /** Stable part of identifiers. */
  key: string;
  issuer: 'nws' | 'meteoalarm';
  /** MeteoAlarm's feed name for the country. */
  feed?: string;
  /** Centre of the warning's area; its polygon is a box around it. */
  latitude: number;
  longitude: number;
  /** False: the area is named by region code only, with no polygon (some MeteoAlarm members). */
  polygon: boolean;
  timezone: string;
  event: string;
  severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
  urgency: 'Immediate' | 'Expected' | 'Future';
  certainty: 'Observed' | 'Likely' | 'Possible';
  /** Hours from the present hour to the onset (negative: already begun). */
  startsIn: number;
  lastsHours: number;
  sender: string;
  senderName: string;
  headline: string;
  description: string;
  instruction: string | null;
  areaDesc: string;
  /**
   * MeteoAlarm's region codes for the area, as its members send them: an
   * EMMA_ID, and some (France) a NUTS3 code instead. Real codes, so the
   * client's boundary data places them.
   */
  geocodes?: { valueName: 'EMMA_ID' | 'NUTS3'; value: string }[];
  /** MeteoAlarm's awareness parameters. */
  awarenessLevel?: string;
  awarenessType?: string;
  /** The issuer's own language block, sent beside English (MeteoAlarm). */
  local?: { language: string; event: string; headline: string; description: string };
}

export const SAMPLE_WARNINGS: readonly SampleWarning[] = [
  {
    key: 'chicago-winter-storm',
    issuer: 'nws',
    latitude: 41.85,
    longitude: -87.65,
    polygon: true,
    timezone: 'America/Chicago',
    event: 'Winter Storm Warning',
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    startsIn: 3,
    lastsHours: 24,
    sender: 'w-nws.webmaster@noaa.gov',
    senderName: 'NWS Chicago IL',
    headline: 'Winter Storm Warning issued by NWS Chicago IL',
    description:
      '* WHAT...Heavy snow expected. Total snow accumulations of 6 to 10 inches. Winds gusting as high as 40 mph.\n\n' +
      '* WHERE...Cook, DuPage and Lake IL counties.\n\n' +
      '* WHEN...Through tomorrow morning.\n\n' +
      '* IMPACTS...Travel could be very difficult to impossible. Patchy blowing snow could significantly reduce visibility. The hazardous conditions could impact the morning commute.',
    instruction:
      'If you must travel, keep an extra flashlight, food, and water in your vehicle in case of an emergency. ' +
      'The latest road conditions for the state you are calling from can be obtained by calling 5 1 1.',
    areaDesc: 'Cook; DuPage; Lake, IL',
  },
  {
    key: 'chicago-wind-chill',
    issuer: 'nws',
    latitude: 41.85,
    longitude: -87.65,
    polygon: true,
    timezone: 'America/Chicago',
    event: 'Cold Weather Advisory',
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    startsIn: -1,
    lastsHours: 12,
    sender: 'w-nws.webmaster@noaa.gov',
    senderName: 'NWS Chicago IL',
    headline: 'Cold Weather Advisory issued by NWS Chicago IL',
    description:
      '* WHAT...Very cold wind chills expected. Wind chills as low as 20 below zero.\n\n' +
      '* WHERE...Portions of north central and northeast Illinois.\n\n' +
      '* IMPACTS...The cold wind chills could cause frostbite on exposed skin in as little as 30 minutes.',
    instruction:
      'Use caution while traveling outside. Wear appropriate clothing, a hat, and gloves.',
    areaDesc: 'Cook; DuPage; Kane; Will, IL',
  },
  {
    key: 'berlin-storm-gusts',
    issuer: 'meteoalarm',
    feed: 'germany',
    latitude: 52.52,
    longitude: 13.41,
    polygon: true,
    timezone: 'Europe/Berlin',
    event: 'storm gusts',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Likely',
    startsIn: -1,
    lastsHours: 14,
    sender: 'opendata@dwd.de',
    senderName: 'Deutscher Wetterdienst',
    headline: 'Official SEVERE WEATHER WARNING of STORM GUSTS',
    description:
      'There is a risk of storm gusts (level 3 of 4).\n' +
      'Max. gusts: 85-100 km/h; wind direction: west; increased gusts: in exposed locations < 110 km/h',
    instruction:
      'ACTION RECOMMENDED: Close all windows and doors! Secure objects, especially outdoors! ' +
      'Keep away from buildings, trees, scaffolds and high-voltage lines. Avoid staying outdoors if possible.',
    areaDesc: 'Berlin',
    geocodes: [{ valueName: 'EMMA_ID', value: 'DE202' }],
    awarenessLevel: '3; orange; Severe',
    awarenessType: '1; Wind',
    local: {
      language: 'de-DE',
      event: 'ORKANARTIGE BÖEN',
      headline: 'Amtliche UNWETTERWARNUNG vor ORKANARTIGEN BÖEN',
      description:
        'Es treten orkanartige Böen mit Geschwindigkeiten zwischen 85 km/h und 100 km/h aus westlicher Richtung auf. In exponierten Lagen muss mit Orkanböen bis 110 km/h gerechnet werden.',
    },
  },
  {
    key: 'berlin-frost',
    issuer: 'meteoalarm',
    feed: 'germany',
    latitude: 52.52,
    longitude: 13.41,
    polygon: true,
    timezone: 'Europe/Berlin',
    event: 'frost',
    severity: 'Minor',
    urgency: 'Future',
    certainty: 'Likely',
    startsIn: 10,
    lastsHours: 10,
    sender: 'opendata@dwd.de',
    senderName: 'Deutscher Wetterdienst',
    headline: 'Official WARNING of FROST',
    description: 'There is a risk of frost (level 1 of 4).\nMinimum temperature: -2 to -5 °C',
    instruction: null,
    areaDesc: 'Berlin',
    geocodes: [{ valueName: 'EMMA_ID', value: 'DE202' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '6; low-temperature',
    local: {
      language: 'de-DE',
      event: 'FROST',
      headline: 'Amtliche WARNUNG vor FROST',
      description: 'Es tritt leichter Frost zwischen -2 °C und -5 °C auf.',
    },
  },
  {
    key: 'munich-snow',
    issuer: 'meteoalarm',
    feed: 'germany',
    latitude: 48.14,
    longitude: 11.58,
    polygon: false,
    timezone: 'Europe/Berlin',
    event: 'snowfall',
    severity: 'Moderate',
    urgency: 'Immediate',
    certainty: 'Likely',
    startsIn: 0,
    lastsHours: 9,
    sender: 'opendata@dwd.de',
    senderName: 'Deutscher Wetterdienst',
    headline: 'Official WARNING of SNOWFALL',
    description:
      'There is a risk of snowfall (level 2 of 4).\nPrecipitation amounts: 5-10 cm; snowfall level: 400 m',
    instruction: 'NOTE: Be aware of the following possible dangers: slippery roads and paths.',
    areaDesc: 'Kreis und Stadt München',
    geocodes: [{ valueName: 'EMMA_ID', value: 'DE056' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '2; snow-ice',
    local: {
      language: 'de-DE',
      event: 'SCHNEEFALL',
      headline: 'Amtliche WARNUNG vor SCHNEEFALL',
      description:
        'Es tritt Schneefall mit Mengen zwischen 5 cm und 10 cm auf. Die Schneefallgrenze liegt bei 400 m.',
    },
  },
  // Leipzig's two are read by one browser test only, which fails one of their documents.
  {
    key: 'leipzig-thunderstorm',
    issuer: 'meteoalarm',
    feed: 'germany',
    latitude: 51.34,
    longitude: 12.37,
    polygon: false,
    timezone: 'Europe/Berlin',
    event: 'thunderstorm',
    severity: 'Moderate',
    urgency: 'Immediate',
    certainty: 'Likely',
    startsIn: 0,
    lastsHours: 6,
    sender: 'opendata@dwd.de',
    senderName: 'Deutscher Wetterdienst',
    headline: 'Official WARNING of THUNDERSTORMS',
    description:
      'There is a risk of thunderstorms (level 2 of 4).\nMax. gusts: 55-65 km/h; precipitation amounts: 10-15 l/m²',
    instruction: null,
    areaDesc: 'Stadt Leipzig',
    geocodes: [{ valueName: 'EMMA_ID', value: 'DE126' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '3; thunderstorm',
  },
  {
    key: 'leipzig-heavy-rain',
    issuer: 'meteoalarm',
    feed: 'germany',
    latitude: 51.34,
    longitude: 12.37,
    polygon: false,
    timezone: 'Europe/Berlin',
    event: 'heavy rain',
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    startsIn: 2,
    lastsHours: 12,
    sender: 'opendata@dwd.de',
    senderName: 'Deutscher Wetterdienst',
    headline: 'Official WARNING of HEAVY RAIN',
    description:
      'There is a risk of heavy rain (level 2 of 4).\nPrecipitation amounts: 25-35 l/m² in 12 hours',
    instruction: null,
    areaDesc: 'Stadt Leipzig',
    geocodes: [{ valueName: 'EMMA_ID', value: 'DE126' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '10; rain',
  },
  {
    key: 'nordfriesland-coastal',
    issuer: 'meteoalarm',
    feed: 'germany',
    latitude: 54.6,
    longitude: 8.9,
    polygon: false,
    timezone: 'Europe/Berlin',
    event: 'storm surge',
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    startsIn: 6,
    lastsHours: 8,
    sender: 'opendata@dwd.de',
    senderName: 'Deutscher Wetterdienst',
    headline: 'Official WARNING of STORM SURGE',
    description: 'A storm surge of 1.5 to 2 m above mean high water is expected.',
    instruction: null,
    areaDesc: 'Kreis Nordfriesland - Küste',
    geocodes: [{ valueName: 'EMMA_ID', value: 'DE095' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '7; coastalevent',
  },
  {
    key: 'edinburgh-snow-ice',
    issuer: 'meteoalarm',
    feed: 'united-kingdom',
    latitude: 55.95,
    longitude: -3.2,
    polygon: true,
    timezone: 'Europe/London',
    event: 'Yellow snow and ice warning',
    severity: 'Moderate',
    urgency: 'Future',
    certainty: 'Likely',
    startsIn: 8,
    lastsHours: 16,
    sender: 'meteoalarm@metoffice.gov.uk',
    senderName: 'Met Office',
    headline: 'Snow and ice may cause some travel disruption',
    description:
      'Wintry showers will fall as snow at times, with 2-5 cm accumulating in places, mainly above 200 metres. ' +
      'Icy patches are also likely on untreated surfaces.',
    instruction:
      'Some roads and railways are likely to be affected, with longer journey times by road, bus and train services.',
    areaDesc: 'SW Scotland, Lothian Borders',
    geocodes: [{ valueName: 'EMMA_ID', value: 'UK004' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '2; snow-ice',
  },
  {
    key: 'belfast-wind',
    issuer: 'meteoalarm',
    feed: 'united-kingdom',
    latitude: 54.6,
    longitude: -5.93,
    polygon: false,
    timezone: 'Europe/London',
    event: 'Yellow wind warning',
    severity: 'Moderate',
    urgency: 'Immediate',
    certainty: 'Likely',
    startsIn: -2,
    lastsHours: 12,
    sender: 'meteoalarm@metoffice.gov.uk',
    senderName: 'Met Office',
    headline: 'Strong winds may lead to some disruption to travel',
    description:
      'West to southwesterly winds will gust 50-60 mph quite widely, and up to 70 mph along exposed coasts.',
    instruction:
      'Some delays to road, rail, air and ferry transport are likely, and some bridges may close.',
    areaDesc: 'Northern Ireland',
    geocodes: [{ valueName: 'EMMA_ID', value: 'UK014' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '1; wind',
  },
  {
    key: 'vienna-black-ice',
    issuer: 'meteoalarm',
    feed: 'austria',
    latitude: 48.21,
    longitude: 16.37,
    polygon: false,
    timezone: 'Europe/Vienna',
    event: 'black ice',
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    startsIn: 2,
    lastsHours: 10,
    sender: 'info@geosphere.at',
    senderName: 'GeoSphere Austria',
    headline: 'Black ice warning level yellow',
    description: 'Freezing rain is expected. Roads and paths may become very slippery.',
    instruction: 'Avoid unnecessary journeys and allow extra time.',
    areaDesc: 'Wien',
    geocodes: [{ valueName: 'EMMA_ID', value: 'AT010' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '2; snow-ice',
    local: {
      language: 'de-AT',
      event: 'Glatteis',
      headline: 'Glatteiswarnung Stufe Gelb',
      description:
        'Es wird gefrierender Regen erwartet. Straßen und Gehwege können sehr glatt werden.',
    },
  },
  {
    key: 'paris-snow-ice',
    issuer: 'meteoalarm',
    feed: 'france',
    latitude: 48.85,
    longitude: 2.35,
    polygon: false,
    timezone: 'Europe/Paris',
    event: 'Moderate snow-ice warning',
    severity: 'Moderate',
    urgency: 'Future',
    certainty: 'Likely',
    startsIn: 4,
    lastsHours: 14,
    sender: 'vigilance@meteo.fr',
    senderName: 'Météo-France',
    headline: 'Moderate snow-ice warning',
    description:
      'Moderate damages may occur, especially in vulnerable or in exposed areas and in the proximity of rivers.',
    instruction: null,
    areaDesc: 'Paris',
    geocodes: [{ valueName: 'NUTS3', value: 'FR101' }],
    awarenessLevel: '2; yellow; Moderate',
    awarenessType: '2; snow-ice',
    local: {
      language: 'fr-FR',
      event: 'Vigilance jaune neige-verglas',
      headline: 'Vigilance jaune neige-verglas',
      description:
        'Des dommages modérés peuvent se produire, surtout dans les zones vulnérables ou exposées.',
    },
  },
];

const HOUR = 3_600_000;
/** Half the box around a warning's centre, in degrees. */
const HALF_LAT = 0.3;
const HALF_LON = 0.45;

export interface IssuedWarning extends SampleWarning {
  identifier: string;
  sent: number;
  onset: number;
  expires: number;
  /** `[latitude, longitude]` ring, closed. */
  ring: [number, number][];
}

/** The sample warnings as issued at `now`: times fixed on the present hour. */
export function issuedWarnings(now: number): IssuedWarning[] {
  const hour = Math.floor(now / HOUR) * HOUR;
  return SAMPLE_WARNINGS.map((warning) => {
    const { latitude: lat, longitude: lon } = warning;
    const onset = hour + warning.startsIn * HOUR;
    return {
      ...warning,
      identifier: `${warning.key}.${hour / HOUR}`,
      sent: Math.min(hour, onset) - HOUR,
      onset,
      expires: onset + warning.lastsHours * HOUR,
      ring: [
        [lat - HALF_LAT, lon - HALF_LON],
        [lat - HALF_LAT, lon + HALF_LON],
        [lat + HALF_LAT, lon + HALF_LON],
        [lat + HALF_LAT, lon - HALF_LON],
        [lat - HALF_LAT, lon - HALF_LON],
      ],
    };
  });
}

export function ringHolds(ring: [number, number][], latitude: number, longitude: number): boolean {
  const lats = ring.map(([lat]) => lat);
  const lons = ring.map(([, lon]) => lon);
  return (
    latitude >= Math.min(...lats) &&
    latitude <= Math.max(...lats) &&
    longitude >= Math.min(...lons) &&
    longitude <= Math.max(...lons)
  );
}

/** An instant as CAP writes it: local time with its offset, no fraction (`2026-12-01T06:00:00-06:00`). */
export function capTime(ms: number, timezone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName!.slice(3);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
