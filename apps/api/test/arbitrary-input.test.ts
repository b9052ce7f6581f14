import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { appRouter, describeRouter } from '@skycast/api';
import { sql } from '@skycast/db';

import { testServerForFile } from './test-server.ts';

const server = testServerForFile();

interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** A valid input (the reference's example): the fields to fill with anything. */
  example: unknown;
}

// Walks the router as the guardrail test and the API reference do, so a new procedure is driven too.
const procedures: ProcedureInfo[] = describeRouter(appRouter);

/** Text that is hard on a database and a parser: control characters (NUL first), lone surrogates, long runs. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }).map((text) => `${text}\u0000`),
  fc.constantFrom('\u0000', '\ud800', 'a\u001bb', '\r\n', "'; drop table users; --", '%00'),
  fc.string({ minLength: 200, maxLength: 400 }),
);

const anyValue = fc.oneof(
  nastyText,
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, true, false, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.jsonValue({ maxDepth: 2 }),
);

/**
 * Inputs for a procedure: anything at all, or its valid example with some
 * fields replaced by anything (so a NUL in a name reaches the code behind a
 * valid rest of the input).
 */
function inputsFor(procedure: ProcedureInfo): fc.Arbitrary<unknown> {
  const example = procedure.example;
  if (typeof example !== 'object' || example === null || Array.isArray(example)) {
    return fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyValue);
  }
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [field, valid] of Object.entries(example)) {
    fields[field] = fc.oneof(fc.constant(valid), nastyText, anyValue);
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.record(fields) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: anyValue },
  );
}

/** The example with one text field at a time holding a NUL: the byte PostgreSQL refuses. */
function withNulInEachText(example: unknown): unknown[] {
  if (typeof example !== 'object' || example === null) return [];
  return Object.entries(example)
    .filter(([, value]) => typeof value === 'string')
    .map(([field, value]) => ({ ...example, [field]: `${String(value)}\u0000` }));
}

/**
 * A session of a new account, opened through the accounts service: sign-ups
 * over HTTP are rate limited per address, and every procedure gets its own.
 */
async function signedInCookie(): Promise<string> {
  const { session } = await server.world.services.accounts.signUp(
    `fuzz-${crypto.randomUUID()}@example.com`,
    'correct horse battery staple',
  );
  return `skycast_session=${session.token}`;
}

function call(procedure: ProcedureInfo, input: unknown, cookie: string): Promise<Response> {
  const json = JSON.stringify(input) ?? 'null';
  const url = `${server.url}/trpc/${procedure.path}`;
  if (procedure.type === 'query') {
    return fetch(`${url}?input=${encodeURIComponent(json)}`, { headers: { cookie } });
  }
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: json,
  });
}

/** A fingerprint of every row a person's calls can change. */
async function userData(): Promise<string> {
  const { rows } = await sql<{ digest: string | null }>`
    select md5(concat_ws('|',
      (select string_agg(u::text, ',' order by u.id) from users u),
      (select string_agg(s::text, ',' order by s.token_hash) from sessions s),
      (select string_agg(p::text, ',' order by p.id) from places p),
      (select string_agg(f::text, ',' order by f.user_id) from preferences f)
    )) as digest`.execute(server.world.db);
  return rows[0]?.digest ?? '';
}

describe('arbitrary input over HTTP', () => {
  it('walks every procedure of the router', () => {
    expect(procedures.map((procedure) => procedure.path)).toEqual(
      expect.arrayContaining(['auth.signUp', 'places.add', 'weather.forecast']),
    );
  });

  it.each(procedures.map((procedure) => [procedure.path, procedure] as const))(
    '%s never answers 5xx, and a refused call changes nothing',
    async (_path, procedure) => {
      const cookie = await signedInCookie();
      // Signed in, so protected procedures get past the sign-in check to their input.
      const me = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie } });
      expect(((await me.json()) as { result: { data: unknown } }).result.data).not.toBeNull();
      await fc.assert(
        fc.asyncProperty(inputsFor(procedure), async (input) => {
          const before = await userData();
          const response = await call(procedure, input, cookie);
          const body = await response.text();
          expect(
            response.status,
            `${procedure.path} ${JSON.stringify(input)}: ${body}`,
          ).toBeLessThan(500);
          if (response.status >= 400) {
            expect(await userData(), `${procedure.path} ${JSON.stringify(input)}`).toBe(before);
            expect(body).not.toMatch(/\.ts:\d+|at [\w.]+ \(|postgres|syntax error/i);
          }
        }),
        {
          // Bounded: a few dozen inputs per procedure keep the run short on a shared machine.
          numRuns: 30,
          examples: withNulInEachText(procedure.example).map((input) => [input]),
        },
      );
    },
  );
});
