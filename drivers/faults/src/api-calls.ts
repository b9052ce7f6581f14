import { clientAddress } from './load.ts';

/** A GET of a public query, from a new client address each time. */
export function queryRequest(
  serverUrl: string,
  procedure: string,
  input: unknown,
): { url: string; init: RequestInit } {
  return {
    url: `${serverUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
    init: { headers: { 'x-forwarded-for': clientAddress() } },
  };
}

/** A POST of a mutation from the app's own origin, with the session cookie if given. */
export function mutationRequest(
  serverUrl: string,
  procedure: string,
  input: unknown,
  cookie?: string,
): { url: string; init: RequestInit } {
  return {
    url: `${serverUrl}/trpc/${procedure}`,
    init: {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: serverUrl,
        'x-forwarded-for': clientAddress(),
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(input),
    },
  };
}

/** Creates an account and returns its session cookie (`name=value`). */
export async function signUp(serverUrl: string): Promise<string> {
  const { url, init } = mutationRequest(serverUrl, 'auth.signUp', {
    email: `fault-${crypto.randomUUID()}@example.com`,
    password: `${crypto.randomUUID()}-Kestrel-Harbour`,
  });
  const response = await fetch(url, init);
  if (!response.ok)
    throw new Error(`sign-up answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie) throw new Error('sign-up set no cookie');
  return cookie;
}
