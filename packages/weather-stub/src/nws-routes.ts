import { json, type StubResponse } from './responses.ts';
import { capTime, issuedWarnings, ringHolds } from './warning-samples.ts';

/** The NWS's own problem document (RFC 7807), as it answers a bad request. */
export function nwsProblem(status: number, title: string, detail: string): StubResponse {
  return {
    ...json(status, {
      correlationId: 'c0ffee00',
      title,
      type: `https://api.weather.gov/problems/${title.replace(/\s+/g, '')}`,
      status,
      detail,
      instance: 'https://api.weather.gov/requests/c0ffee00',
    }),
    headers: { 'content-type': 'application/problem+json' },
  };
}

/**
 * `/alerts/active?point=LAT,LON`: a GeoJSON FeatureCollection of the CAP
 * alerts in force at the point, as api.weather.gov answers (empty elsewhere).
 */
export function nwsActiveAlertsRoute(query: URLSearchParams, now: number): StubResponse {
  const point = query.get('point') ?? '';
  const match = /^(-?\d{1,2}(?:\.\d{1,4})?),(-?\d{1,3}(?:\.\d{1,4})?)$/.exec(point);
  if (!match) {
    return nwsProblem(
      400,
      'Bad Request',
      `Parameter "point" is invalid: '${point}' does not match /^(-?\\d+(?:\\.\\d+)?),(-?\\d+(?:\\.\\d+)?)$/`,
    );
  }
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  const features = issuedWarnings(now)
    .filter((warning) => warning.issuer === 'nws' && ringHolds(warning.ring, latitude, longitude))
    .map((warning) => {
      const id = `urn:oid:2.49.0.1.840.0.${warning.identifier}.001.1`;
      const at = (ms: number) => capTime(ms, warning.timezone);
      return {
        id: `https://api.weather.gov/alerts/${id}`,
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          // GeoJSON is longitude first.
          coordinates: [warning.ring.map(([lat, lon]) => [lon, lat])],
        },
        properties: {
          '@id': `https://api.weather.gov/alerts/${id}`,
          '@type': 'wx:Alert',
          id,
          areaDesc: warning.areaDesc,
          geocode: { SAME: ['017031'], UGC: ['ILZ014'] },
          affectedZones: ['https://api.weather.gov/zones/forecast/ILZ014'],
          references: [],
          sent: at(warning.sent),
          effective: at(warning.sent),
          onset: at(warning.onset),
          expires: at(Math.min(warning.expires, warning.sent + 12 * 3_600_000)),
          ends: at(warning.expires),
          status: 'Actual',
          messageType: 'Alert',
          category: 'Met',
          severity: warning.severity,
          certainty: warning.certainty,
          urgency: warning.urgency,
          event: warning.event,
          sender: warning.sender,
          senderName: warning.senderName,
          headline: warning.headline,
          description: warning.description,
          instruction: warning.instruction,
          response: 'Prepare',
          parameters: { NWSheadline: [warning.headline.toUpperCase()] },
        },
      };
    });
  return {
    ...json(200, {
      '@context': ['https://geojson.org/geojson-ld/geojson-context.jsonld', { '@version': '1.1' }],
      type: 'FeatureCollection',
      features,
      title: `Current watches, warnings, and advisories for ${latitude} N, ${longitude} W`,
      updated: capTime(now, 'UTC'),
    }),
    headers: { 'content-type': 'application/geo+json' },
  };
}
