export interface JsonAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** GETs a stub URL and reads its JSON body, typed as the test expects it. */
export async function getJson<T>(
  base: string,
  path: string,
  params: Record<string, string | number> = {},
) {
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value));
  const response = await fetch(url);
  const answer: JsonAnswer<T> = {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as T,
  };
  return answer;
}

export interface OpenMeteoError {
  error: true;
  reason: string;
}

/** The parts of an Open-Meteo forecast or air-quality answer the tests look at. */
export interface OpenMeteoBody {
  latitude: number;
  longitude: number;
  elevation: number;
  generationtime_ms: number;
  utc_offset_seconds: number;
  timezone: string;
  timezone_abbreviation: string;
  current_units?: Record<string, string>;
  current?: Record<string, number | string>;
  minutely_15_units?: Record<string, string>;
  minutely_15?: Record<string, (number | string)[]>;
  hourly_units?: Record<string, string>;
  hourly?: Record<string, (number | string)[]>;
  daily_units?: Record<string, string>;
  daily?: Record<string, (number | string)[]>;
}

/** Reads a column as numbers, failing loudly when it is missing. */
export function numbers(
  section: Record<string, (number | string)[]> | undefined,
  name: string,
): number[] {
  const column = section?.[name];
  if (!column) throw new Error(`column ${name} is missing`);
  return column.map(Number);
}

export function strings(
  section: Record<string, (number | string)[]> | undefined,
  name: string,
): string[] {
  const column = section?.[name];
  if (!column) throw new Error(`column ${name} is missing`);
  return column.map(String);
}
