import { firstViewHtml } from './first-view.ts';
import { PAGE_FORECAST_PROCEDURE } from './page-forecast.ts';

/** The id of the data block a place's page carries; the web app reads it (`kept-answers.ts`). */
export const KEPT_ANSWERS_ELEMENT_ID = 'skycast-kept-answers';

/**
 * A place's page: the app shell `html` with a `weather.forecast` answer
 * (`response`, as tRPC sends it) in a data block after `#root`, and, when
 * `firstViewUntil` is set, the first view made from it inside `#root`, shown
 * until then (`first-view.ts`).
 *
 * @example
 * pageHtml(shell, { latitude: 47.37, longitude: 8.54 }, { response, madeAt, firstViewUntil: answer.validUntil })
 */
export function pageHtml(
  html: string,
  input: { latitude: number; longitude: number },
  made: { response: string; madeAt: number; firstViewUntil: number | undefined },
): string {
  const { response, madeAt, firstViewUntil } = made;
  const data = `{"answers":[{"procedure":${JSON.stringify(PAGE_FORECAST_PROCEDURE)},"input":${JSON.stringify(input)},"madeAt":${madeAt},"response":${response}}]}`;
  const firstView =
    firstViewUntil === undefined
      ? undefined
      : firstViewHtml(input, forecastIn(response), firstViewUntil);
  return withDataBlock(
    firstView === undefined ? html : intoRoot(html, firstView),
    `<script type="application/json" id="${KEPT_ANSWERS_ELEMENT_ID}">${escapeForScript(data)}</script>`,
  );
}

/** The data block goes last in the body: it is read once the app's module runs. */
function withDataBlock(html: string, block: string): string {
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + block : html.slice(0, at) + block + html.slice(at);
}

/** Where the app's root starts: everything before it is the page's head. */
export const ROOT = '<div id="root">';

/** The app's empty root, which React fills (and so replaces what the server wrote there). */
const EMPTY_ROOT = `${ROOT}</div>`;

/** The first view inside the app's root; a shell without an empty root is left as it is. */
function intoRoot(html: string, firstView: string): string {
  const at = html.indexOf(EMPTY_ROOT);
  if (at === -1) return html;
  const inside = at + EMPTY_ROOT.length - '</div>'.length;
  return html.slice(0, inside) + firstView + html.slice(inside);
}

/** The forecast in a kept `weather.forecast` answer (tRPC's `{ result: { data } }`). */
function forecastIn(response: string): unknown {
  try {
    return (JSON.parse(response) as { result?: { data?: unknown } } | null)?.result?.data;
  } catch {
    return undefined;
  }
}

/**
 * JSON made safe inside `<script type="application/json">`: no `<` at all (so
 * no `</script>` or `<!--` from a provider's string can end the block), and no
 * line separators that older parsers take for the end of a line. Each escape is
 * the same string to `JSON.parse`.
 *
 * @example
 * escapeForScript('{"name":"</script>"}') // '{"name":"\\u003c/script>"}'
 */
export function escapeForScript(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
