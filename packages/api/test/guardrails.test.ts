import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { USER_DATA_TABLES } from '@skycast/db';

import { findViolations } from '../src/guardrails.ts';
import { inUserDataRouter, USER_DATA_ROUTERS } from '../src/procedure-rules.ts';
import { listProcedures, publicQueryPaths } from '../src/procedures.ts';
import { appRouter } from '../src/root.ts';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../src/trpc.ts';

describe('guardrails on the real router', () => {
  it('finds every procedure with bounded input, an output schema and the right builder', () => {
    expect(
      findViolations(appRouter, {
        touchesUserData: inUserDataRouter(USER_DATA_ROUTERS),
      }),
    ).toEqual([]);
  });

  it('keeps every weather.* procedure a public, cacheable query, as the web app sends them', () => {
    // The web app sends weather.* queries cookie-less and unbatched, for shared caches.
    const weather = listProcedures(appRouter).filter(({ path }) => path.startsWith('weather.'));
    expect(weather.length).toBeGreaterThan(0);
    for (const { path, type, protected: isProtected, cacheSeconds } of weather) {
      expect({ path, type, protected: isProtected }).toEqual({
        path,
        type: 'query',
        protected: false,
      });
      expect(cacheSeconds, path).toBeGreaterThan(0);
    }
    expect(publicQueryPaths(appRouter)).toEqual(
      expect.arrayContaining(weather.map(({ path }) => path)),
    );
  });

  it('walks every procedure of the router', () => {
    expect(Object.keys(appRouter._def.procedures)).toEqual(
      expect.arrayContaining(['weather.forecast', 'weather.searchLocations', 'weather.airQuality']),
    );
  });
});

describe('guardrails on deliberately bad procedures', () => {
  const ok = z.object({ ok: z.boolean() });
  const answer = () => ({ ok: true });

  const badRouter = createTRPCRouter({
    things: {
      good: publicProcedure
        .input(z.object({ name: z.string().max(50), tags: z.array(z.uuid()).max(5) }))
        .output(ok)
        .query(answer),
      unboundedString: publicProcedure
        .input(z.object({ name: z.string() }))
        .output(ok)
        .query(answer),
      missingOutput: publicProcedure.input(z.object({ id: z.uuid() })).query(answer),
      missingInput: publicProcedure.output(ok).query(answer),
      nested: publicProcedure
        .input(
          z.object({
            filter: z
              .union([
                z.object({ words: z.array(z.string().max(10)) }),
                z.object({ note: z.string().trim().optional() }),
              ])
              .nullable(),
            extra: z.record(z.string().max(5), z.number()),
            loose: z.looseObject({ a: z.number() }),
            anything: z.unknown(),
            bounded: z.array(z.object({ n: z.number() })).max(3),
          }),
        )
        .output(ok)
        .query(answer),
      cachedMutation: publicProcedure
        .meta({ cacheSeconds: 60 })
        .input(z.void())
        .output(ok)
        .mutation(answer),
      wrongExample: publicProcedure
        .meta({ example: { id: 'not-a-uuid' } })
        .input(z.object({ id: z.uuid() }))
        .output(ok)
        .query(answer),
    },
    notes: {
      leaky: publicProcedure.input(z.void()).output(ok).query(answer),
      safe: protectedProcedure.input(z.void()).output(ok).query(answer),
    },
  });

  const violations = findViolations(badRouter, {
    touchesUserData: inUserDataRouter(['notes']),
  });
  const problemsOf = (path: string) =>
    violations.filter((violation) => violation.path === path).map((v) => v.problem);

  it('passes a well-formed procedure', () => {
    expect(problemsOf('things.good')).toEqual([]);
    expect(problemsOf('notes.safe')).toEqual([]);
  });

  it('fails an unbounded string', () => {
    expect(problemsOf('things.unboundedString')).toEqual([
      'input.name is a string without .max(): bound it',
    ]);
  });

  it('fails a missing output or input schema', () => {
    expect(problemsOf('things.missingOutput')).toEqual([
      expect.stringMatching(/has no output schema/),
    ]);
    expect(problemsOf('things.missingInput')).toEqual([
      expect.stringMatching(/has no input schema/),
    ]);
  });

  it('finds unbounded parts inside unions, nullables, optionals, arrays and records', () => {
    expect(problemsOf('things.nested')).toEqual([
      'input.filter.words is an array without .max(): bound it',
      'input.filter.note is a string without .max(): bound it',
      'input.extra is a record (any number of keys): use an object or a bounded array',
      'input.loose accepts extra keys (.catchall/.passthrough/looseObject): use a strict shape',
      'input.anything accepts anything (unknown): describe it with a schema',
    ]);
  });

  it('fails a user-data procedure built on the public builder', () => {
    expect(problemsOf('notes.leaky')).toEqual([
      'touches user data but is built on publicProcedure: use protectedProcedure',
    ]);
  });

  it('fails a cache lifetime on a mutation and an example its schema rejects', () => {
    expect(problemsOf('things.cachedMutation')).toEqual([
      'sets cacheSeconds but only public queries may be cached',
    ]);
    expect(problemsOf('things.wrongExample')).toEqual([
      'has a meta.example that its input schema rejects',
    ]);
  });
});

const isProtected = new Map(
  listProcedures(appRouter).map((procedure) => [procedure.path, procedure.protected]),
);

// Public on purpose: the weather, and the ways into and out of an account.
// (Any other public procedure passes only if it stays out of USER_DATA_ROUTERS.)
const PUBLIC = [
  'weather.searchLocations',
  'weather.forecast',
  'weather.airQuality',
  'weather.summaries',
  'auth.signUp',
  'auth.signIn',
  'auth.signOut',
  'auth.me',
  'auth.requestPasswordReset',
  'auth.resetPassword',
];

describe('the router', () => {
  it('keeps user data and account changes behind sign-in', () => {
    for (const path of PUBLIC) {
      expect(isProtected.get(path), `${path} is public`).toBe(false);
    }
    const personal = [...isProtected.keys()].filter(
      (path) =>
        inUserDataRouter(USER_DATA_ROUTERS)(path) ||
        path === 'auth.signOutEverywhere' ||
        path === 'auth.changePassword' ||
        path === 'auth.deleteAccount' ||
        path === 'auth.exportData',
    );
    expect(personal.length).toBeGreaterThanOrEqual(11);
    for (const path of personal) {
      expect(isProtected.get(path), `${path} needs a session`).toBe(true);
    }
  });

  it('declares an input and an output schema on every procedure', () => {
    for (const { path, inputs, output } of listProcedures(appRouter)) {
      expect(inputs.length, `${path} has no .input()`).toBeGreaterThan(0);
      expect(output, `${path} has no .output()`).toBeDefined();
    }
  });

  it('names the tables that hold user data', () => {
    expect([...USER_DATA_TABLES].sort()).toEqual(
      [
        'passwordResets',
        'places',
        'preferences',
        'sessions',
        'users',
        'watches',
        'pushSubscriptions',
        'notifications',
        'pushDeliveries',
        'serverSecrets',
      ].sort(),
    );
  });
});
