import type { StubResponse } from './responses.ts';
import { capTime, type IssuedWarning, issuedWarnings } from './warning-samples.ts';

const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
/**
 * MeteoAlarm's member feeds, by the slug its feed paths use. Each answers,
 * empty when the stub issues it no warning (warning-samples.ts); any other
 * slug is a 404, as on the real service.
 */
const FEEDS: Record<string, string> = {
  austria: 'Austria',
  belgium: 'Belgium',
  'bosnia-herzegovina': 'Bosnia and Herzegovina',
  bulgaria: 'Bulgaria',
  croatia: 'Croatia',
  cyprus: 'Cyprus',
  'czech-republic': 'Czech Republic',
  denmark: 'Denmark',
  estonia: 'Estonia',
  finland: 'Finland',
  france: 'France',
  germany: 'Germany',
  greece: 'Greece',
  hungary: 'Hungary',
  iceland: 'Iceland',
  ireland: 'Ireland',
  israel: 'Israel',
  italy: 'Italy',
  latvia: 'Latvia',
  liechtenstein: 'Liechtenstein',
  lithuania: 'Lithuania',
  luxembourg: 'Luxembourg',
  malta: 'Malta',
  moldova: 'Moldova',
  montenegro: 'Montenegro',
  netherlands: 'Netherlands',
  norway: 'Norway',
  poland: 'Poland',
  portugal: 'Portugal',
  'republic-of-north-macedonia': 'Republic of North Macedonia',
  romania: 'Romania',
  serbia: 'Serbia',
  slovakia: 'Slovakia',
  slovenia: 'Slovenia',
  spain: 'Spain',
  sweden: 'Sweden',
  switzerland: 'Switzerland',
  ukraine: 'Ukraine',
  'united-kingdom': 'United Kingdom',
};

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const polygonText = (warning: IssuedWarning) =>
  warning.ring.map(([lat, lon]) => `${lat.toFixed(4)},${lon.toFixed(4)}`).join(' ');
const documentPath = (warning: IssuedWarning) =>
  `/api/v1/warnings/feeds-${warning.feed}/${warning.identifier}`;

/** The area's region codes: one CAP `<geocode>` each. */
function geocodeXml(warning: IssuedWarning, indent: string, prefix: string): string {
  return (warning.geocodes ?? [])
    .map(
      ({ valueName, value }) =>
        `${indent}<${prefix}geocode>\n${indent}  <valueName>${valueName}</valueName>\n${indent}  <value>${value}</value>\n${indent}</${prefix}geocode>`,
    )
    .join('\n');
}

function xml(status: number, body: string, type: string): StubResponse {
  return { status, body, headers: { 'content-type': `${type}; charset=utf-8` } };
}

function notFound(what: string): StubResponse {
  return {
    status: 404,
    body: JSON.stringify({ message: `${what} not found` }),
    headers: { 'content-type': 'application/json' },
  };
}

/**
 * `/feeds/meteoalarm-legacy-atom-<country>`: the country's Atom feed, one
 * entry per warning with CAP's summary fields and a link to the document.
 */
export function meteoAlarmFeedRoute(
  _query: URLSearchParams,
  now: number,
  path: string,
): StubResponse {
  const country = path.slice('/feeds/meteoalarm-legacy-atom-'.length);
  const name = FEEDS[country];
  if (!name) return notFound(`Feed meteoalarm-legacy-atom-${country}`);
  const updated = capTime(now, 'UTC');
  const entries = issuedWarnings(now)
    .filter((warning) => warning.issuer === 'meteoalarm' && warning.feed === country)
    .map((warning) => {
      const at = (ms: number) => capTime(ms, warning.timezone);
      const href = `https://feeds.meteoalarm.org${documentPath(warning)}`;
      const level = warning.awarenessLevel?.split('; ')[1] ?? 'yellow';
      const type = warning.awarenessType?.split('; ')[1] ?? 'weather';
      return `  <entry>
    <cap:areaDesc>${escape(warning.areaDesc)}</cap:areaDesc>
    <cap:event>${escape(warning.event)}</cap:event>
    <cap:sent>${at(warning.sent)}</cap:sent>
    <cap:expires>${at(warning.expires)}</cap:expires>
    <cap:effective>${at(warning.sent)}</cap:effective>
    <cap:onset>${at(warning.onset)}</cap:onset>
    <cap:certainty>${warning.certainty}</cap:certainty>
    <cap:severity>${warning.severity}</cap:severity>
    <cap:urgency>${warning.urgency}</cap:urgency>
    <cap:message_type>Alert</cap:message_type>
    <cap:status>Actual</cap:status>
    <cap:scope>Public</cap:scope>
${geocodeXml(warning, '    ', 'cap:')}
    <cap:identifier>${warning.identifier}</cap:identifier>
    <id>${href}</id>
    <link href="${href}" hreflang="en" rel="alternate" type="application/cap+xml" title="${escape(warning.headline)}"/>
    <published>${at(warning.sent)}</published>
    <updated>${at(warning.sent)}</updated>
    <title>${level[0]!.toUpperCase()}${level.slice(1)} ${escape(type)} warning issued for ${name} - ${escape(warning.areaDesc)}</title>
    <author><name>${escape(warning.senderName)}</name></author>
  </entry>`;
    });
  return xml(
    200,
    `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="${CAP_NS}">
  <id>https://feeds.meteoalarm.org/feeds/meteoalarm-legacy-atom-${country}</id>
  <title>MeteoAlarm ${name}</title>
  <updated>${updated}</updated>
  <author><name>MeteoAlarm</name><uri>https://meteoalarm.org</uri></author>
  <link href="https://feeds.meteoalarm.org/feeds/meteoalarm-legacy-atom-${country}" rel="self"/>
${entries.join('\n')}
</feed>
`,
    'application/atom+xml',
  );
}

/**
 * `/api/v1/warnings/feeds-<country>/<id>`: the CAP 1.2 document an entry
 * links to, with an English `info` block (and the issuer's language).
 */
export function meteoAlarmDocumentRoute(
  _query: URLSearchParams,
  now: number,
  path: string,
): StubResponse {
  const warning = issuedWarnings(now).find(
    (candidate) => candidate.issuer === 'meteoalarm' && documentPath(candidate) === path,
  );
  if (!warning) return notFound('Warning');
  const at = (ms: number) => capTime(ms, warning.timezone);
  const area = `      <area>
        <areaDesc>${escape(warning.areaDesc)}</areaDesc>${warning.polygon ? `\n        <polygon>${polygonText(warning)}</polygon>` : ''}
${geocodeXml(warning, '        ', '')}
      </area>`;
  const info = (
    language: string,
    event: string,
    headline: string,
    description: string,
    instruction: string | null,
  ) => `  <info>
    <language>${language}</language>
    <category>Met</category>
    <event>${escape(event)}</event>
    <responseType>Prepare</responseType>
    <urgency>${warning.urgency}</urgency>
    <severity>${warning.severity}</severity>
    <certainty>${warning.certainty}</certainty>
    <effective>${at(warning.sent)}</effective>
    <onset>${at(warning.onset)}</onset>
    <expires>${at(warning.expires)}</expires>
    <senderName>${escape(warning.senderName)}</senderName>
    <headline>${escape(headline)}</headline>
    <description>${escape(description)}</description>${instruction ? `\n    <instruction>${escape(instruction)}</instruction>` : ''}
    <parameter>
      <valueName>awareness_level</valueName>
      <value>${warning.awarenessLevel ?? ''}</value>
    </parameter>
    <parameter>
      <valueName>awareness_type</valueName>
      <value>${warning.awarenessType ?? ''}</value>
    </parameter>
${area}
  </info>`;
  const blocks = [
    ...(warning.local
      ? [
          info(
            warning.local.language,
            warning.local.event,
            warning.local.headline,
            warning.local.description,
            null,
          ),
        ]
      : []),
    info('en-GB', warning.event, warning.headline, warning.description, warning.instruction),
  ];
  return xml(
    200,
    `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="${CAP_NS}">
  <identifier>${warning.identifier}</identifier>
  <sender>${escape(warning.sender)}</sender>
  <sent>${at(warning.sent)}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
${blocks.join('\n')}
</alert>
`,
    'application/xml',
  );
}
