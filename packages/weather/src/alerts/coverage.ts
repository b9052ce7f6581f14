import { zoneAtCoordinates } from '../time-zones.ts';

/**
 * Which warning service covers a point is read from the point's time zone
 * (from boundaries shipped with the code, no call): the zones below lie within
 * one country each, which is what the services are organised by. Near a
 * border the neighbour's zone may be named, as for the forecast's zone.
 */
const US_ZONES = new Set([
  'America/New_York',
  'America/Detroit',
  'America/Chicago',
  'America/Menominee',
  'America/Denver',
  'America/Boise',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Juneau',
  'America/Sitka',
  'America/Metlakatla',
  'America/Yakutat',
  'America/Nome',
  'America/Adak',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/St_Thomas',
  'Pacific/Guam',
  'Pacific/Saipan',
  'Pacific/Pago_Pago',
]);
const US_ZONE_PREFIXES = ['America/Indiana/', 'America/Kentucky/', 'America/North_Dakota/'];

/** MeteoAlarm's feed names (`meteoalarm-legacy-atom-<name>`) by the zones of each member country. */
const METEOALARM_FEEDS: Record<string, string> = {
  'Europe/Vienna': 'austria',
  'Europe/Brussels': 'belgium',
  'Europe/Sarajevo': 'bosnia-herzegovina',
  'Europe/Sofia': 'bulgaria',
  'Europe/Zagreb': 'croatia',
  'Asia/Nicosia': 'cyprus',
  'Asia/Famagusta': 'cyprus',
  'Europe/Prague': 'czech-republic',
  'Europe/Copenhagen': 'denmark',
  'Europe/Tallinn': 'estonia',
  'Europe/Helsinki': 'finland',
  'Europe/Paris': 'france',
  'Europe/Berlin': 'germany',
  'Europe/Busingen': 'germany',
  'Europe/Athens': 'greece',
  'Europe/Budapest': 'hungary',
  'Atlantic/Reykjavik': 'iceland',
  'Europe/Dublin': 'ireland',
  'Asia/Jerusalem': 'israel',
  'Europe/Rome': 'italy',
  'Europe/Riga': 'latvia',
  'Europe/Vaduz': 'liechtenstein',
  'Europe/Vilnius': 'lithuania',
  'Europe/Luxembourg': 'luxembourg',
  'Europe/Malta': 'malta',
  'Europe/Chisinau': 'moldova',
  'Europe/Podgorica': 'montenegro',
  'Europe/Amsterdam': 'netherlands',
  'Europe/Skopje': 'republic-of-north-macedonia',
  'Europe/Oslo': 'norway',
  'Europe/Warsaw': 'poland',
  'Europe/Lisbon': 'portugal',
  'Atlantic/Madeira': 'portugal',
  'Atlantic/Azores': 'portugal',
  'Europe/Bucharest': 'romania',
  'Europe/Belgrade': 'serbia',
  'Europe/Bratislava': 'slovakia',
  'Europe/Ljubljana': 'slovenia',
  'Europe/Madrid': 'spain',
  'Africa/Ceuta': 'spain',
  'Atlantic/Canary': 'spain',
  'Europe/Stockholm': 'sweden',
  'Europe/Zurich': 'switzerland',
  'Europe/London': 'united-kingdom',
  'Europe/Kyiv': 'ukraine',
  'Europe/Kiev': 'ukraine',
};

/** True when the point lies in the United States or its territories, where the NWS warns. */
export function inNwsArea(latitude: number, longitude: number): boolean {
  const zone = zoneAtCoordinates(latitude, longitude);
  if (!zone) return false;
  return US_ZONES.has(zone) || US_ZONE_PREFIXES.some((prefix) => zone.startsWith(prefix));
}

/** The MeteoAlarm country feed covering the point, or undefined outside its member countries. */
export function meteoAlarmFeedAt(latitude: number, longitude: number): string | undefined {
  const zone = zoneAtCoordinates(latitude, longitude);
  return zone ? METEOALARM_FEEDS[zone] : undefined;
}
