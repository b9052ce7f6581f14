import { describe, expect, it } from 'vitest';

import { USER_DATA_TABLES } from '@skycast/db';

import { appRouter } from '../src/root.ts';
import { isProtectedProcedure } from '../src/trpc.ts';

type Procedure = Parameters<typeof isProtectedProcedure>[0];

function procedures(): [string, Procedure][] {
  // At run time `_def.procedures` is flat, keyed by path ("places.list").
  return Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);
}

// The procedures that run without a session, each for a reason.
const PUBLIC = new Set([
  'weather.searchLocations',
  'weather.forecast',
  'weather.airQuality',
  'auth.signUp',
  'auth.signIn',
  'auth.signOut',
  'auth.me',
]);

describe('the router', () => {
  it('protects every procedure but the known public ones', () => {
    const unprotected = procedures()
      .filter(([, procedure]) => !isProtectedProcedure(procedure))
      .map(([path]) => path);
    expect(unprotected.sort()).toEqual([...PUBLIC].sort());
    expect(isProtectedProcedure(appRouter.places.list)).toBe(true);
    expect(isProtectedProcedure(appRouter.weather.forecast)).toBe(false);
  });

  it('declares an input and an output schema on every procedure', () => {
    for (const [path, procedure] of procedures()) {
      const def = procedure._def as { inputs: unknown[]; output?: unknown };
      expect(def.inputs.length, `${path} has no .input()`).toBeGreaterThan(0);
      expect(def.output, `${path} has no .output()`).toBeDefined();
    }
  });

  it('names the tables that hold user data', () => {
    expect([...USER_DATA_TABLES].sort()).toEqual(
      ['loginThrottles', 'places', 'preferences', 'sessions', 'users'].sort(),
    );
  });
});
