/** What a route answers; the server adds the headers every provider answer carries. */
export interface StubResponse {
  status: number;
  /** Already serialised, so that a fault can cut it short. */
  body: string;
  headers?: Record<string, string>;
}

export function json(
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): StubResponse {
  return { status, body: JSON.stringify(value), ...(headers ? { headers } : {}) };
}

/** Open-Meteo's error body, the same for every status. */
export function openMeteoError(
  status: number,
  reason: string,
  headers?: Record<string, string>,
): StubResponse {
  return json(status, { error: true, reason }, headers);
}

/**
 * OpenWeather's error body. Its `cod` is a number on some answers (401, 429)
 * and a string on others ("400", "404"), so callers choose.
 */
export function openWeatherError(
  status: number,
  message: string,
  cod: number | string = String(status),
  headers?: Record<string, string>,
): StubResponse {
  return json(status, { cod, message }, headers);
}
