import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from './test-server.ts';

let world: TestServer;
let baseUrl: string;

beforeAll(async () => {
  world = await startTestServer();
  baseUrl = await world.start();
});

afterAll(async () => {
  await world.close();
});

interface ErrorBody {
  error: { message: string; data: { code: string; reason: string | null } };
}

const get = (procedure: string, input: unknown, headers: Record<string, string> = {}, query = '') =>
  fetch(`${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}${query}`, {
    headers,
  });

const signIn = (headers: Record<string, string>, query = '') =>
  fetch(`${baseUrl}/trpc/auth.signIn${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password' }),
  });

describe('error messages in the caller’s language', () => {
  it('words a refusal in the language of Accept-Language, keeping its code and reason', async () => {
    const english = (await (await signIn({})).json()) as ErrorBody;
    const german = (await (
      await signIn({ 'accept-language': 'de-AT, en;q=0.5' })
    ).json()) as ErrorBody;
    const french = (await (await signIn({ 'accept-language': 'fr' })).json()) as ErrorBody;

    expect(english.error.message).toBe('Email or password is wrong.');
    expect(german.error.message).toBe('E-Mail-Adresse oder Passwort ist falsch.');
    expect(french.error.message).toBe('L’adresse e-mail ou le mot de passe est incorrect.');
    for (const body of [english, german, french]) {
      expect(body.error.data.code).toBe('UNAUTHORIZED');
      expect(body.error.data.reason).toBe('WRONG_CREDENTIALS');
    }
  });

  it('takes a `lang` parameter over Accept-Language', async () => {
    const response = await signIn({ 'accept-language': 'de' }, '?lang=ar');
    const body = (await response.json()) as ErrorBody;
    expect(body.error.message).toBe('البريد الإلكتروني أو كلمة المرور غير صحيحة.');
    expect(body.error.data.reason).toBe('WRONG_CREDENTIALS');
  });

  it('stays in English for a language it does not speak', async () => {
    const body = (await (await signIn({ 'accept-language': 'pt-BR, ja' })).json()) as ErrorBody;
    expect(body.error.message).toBe('Email or password is wrong.');
  });

  it('translates the refusals every procedure shares: sign-in required, invalid input', async () => {
    const protectedCall = await get('preferences.get', undefined, { 'accept-language': 'es' });
    expect(protectedCall.status).toBe(401);
    const refused = (await protectedCall.json()) as ErrorBody;
    expect(refused.error.message).toBe('Inicia sesión para hacer esto.');
    expect(refused.error.data.reason).toBe('SIGN_IN_REQUIRED');

    const invalid = await get(
      'weather.searchLocations',
      { query: '' },
      { 'accept-language': 'fr' },
    );
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as ErrorBody;
    expect(body.error.message).toMatch(/^Saisie invalide — query: /);
    expect(body.error.data.reason).toBe('INVALID_INPUT');
  });
});

describe('zod’s field errors and a reason’s values', () => {
  const signUp = (headers: Record<string, string>) =>
    fetch(`${baseUrl}/trpc/auth.signUp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: '', password: 'short' }),
    });
  interface InputErrorBody {
    error: { message: string; data: { zodError: { fieldErrors: Record<string, string[]> } } };
  }

  it('words each field’s zod error from the catalogue, in the caller’s language', async () => {
    const english = (await (await signUp({})).json()) as InputErrorBody;
    const german = (await (await signUp({ 'accept-language': 'de' })).json()) as InputErrorBody;
    expect(english.error.data.zodError.fieldErrors).toEqual({
      email: ['Enter your email address.'],
      password: ['Use at least 8 characters.', 'Use at least 8 characters besides spaces.'],
    });
    expect(german.error.data.zodError.fieldErrors).toEqual({
      email: ['Gib deine E-Mail-Adresse ein.'],
      password: ['Mindestens 8 Zeichen.', 'Mindestens 8 Zeichen außer Leerzeichen.'],
    });
    expect(german.error.message).toMatch(
      /^Ungültige Eingabe — email: Gib deine E-Mail-Adresse ein\.; password: Mindestens 8 Zeichen\./,
    );
  });

  it('sends the values a reason’s words take, the same in every language', async () => {
    const body = (await (await signIn({ 'accept-language': 'ar' })).json()) as {
      error: { data: { reason: string; values: unknown } };
    };
    expect(body.error.data).toMatchObject({ reason: 'WRONG_CREDENTIALS', values: {} });
    const signedOut = (await (await get('preferences.get', undefined)).json()) as {
      error: { data: { reason: string; values: unknown } };
    };
    expect(signedOut.error.data).toMatchObject({ reason: 'SIGN_IN_REQUIRED', values: {} });
  });
});

describe('place names in the asked language', () => {
  it('names places in the `language` of the search, each language cached apart', async () => {
    const names = async (language?: string) => {
      const response = await get('weather.searchLocations', {
        query: 'Munich',
        limit: 1,
        ...(language ? { language } : {}),
      });
      const body = (await response.json()) as { result: { data: { name: string }[] } };
      return body.result.data.map((place) => place.name);
    };
    expect(await names()).toEqual(['Munich']);
    expect(await names('de')).toEqual(['München']);
    expect(await names('ar')).toEqual(['ميونخ']);
    // Asked again in English after the others: not an answer cached for another language.
    expect(await names('en')).toEqual(['Munich']);
  });

  it('refuses a language it does not speak, as invalid input', async () => {
    const response = await get('weather.searchLocations', { query: 'Munich', language: 'xx' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.data.reason).toBe('INVALID_INPUT');
  });
});
