import type { AnyRouter } from '@trpc/server';
import { z } from 'zod';

import { listProcedures } from './procedures.ts';

export interface GuardrailRules {
  /** Whether the procedure reads or writes a user's data, by its path (`router.procedure`). */
  touchesUserData: (path: string) => boolean;
}

export interface Violation {
  path: string;
  problem: string;
}

// String formats whose pattern already bounds the length.
const BOUNDED_FORMATS = new Set([
  'uuid',
  'guid',
  'nanoid',
  'cuid',
  'cuid2',
  'ulid',
  'xid',
  'ksuid',
  'datetime',
  'date',
  'time',
  'ipv4',
  'ipv6',
  'cidrv4',
  'cidrv6',
  'e164',
]);

/**
 * Walks every procedure of a router and lists what breaks the conventions:
 * no input or output schema, an input that accepts unbounded strings, arrays,
 * records or anything-goes values, user data behind the public builder, a
 * cache lifetime on something that is not a public query, or a documented
 * example that its own input schema rejects.
 *
 * @example
 * expect(findViolations(appRouter, { touchesUserData })).toEqual([]);
 */
export function findViolations(router: AnyRouter, rules: GuardrailRules): Violation[] {
  const violations: Violation[] = [];
  for (const { path, type, meta, inputs, output, protected: isProtected } of listProcedures(
    router,
  )) {
    const report = (problem: string) => violations.push({ path, problem });

    if (inputs.length === 0) report('has no input schema: add `.input(z.object({ ... }))`');
    for (const input of inputs) {
      if (!(input instanceof z.ZodType)) report('has an input parser that is not a zod schema');
      else for (const problem of unboundedParts(input, 'input')) report(problem);
    }
    if (!(output instanceof z.ZodType)) {
      report('has no output schema: add `.output(...)` so new columns never leak to clients');
    }
    if (rules.touchesUserData(path) && !isProtected) {
      report('touches user data but is built on publicProcedure: use protectedProcedure');
    }
    if (meta.cacheSeconds && (type !== 'query' || isProtected)) {
      report('sets cacheSeconds but only public queries may be cached');
    }
    if (meta.example !== undefined && inputs[0] instanceof z.ZodType) {
      if (!inputs[0].safeParse(meta.example).success) {
        report('has a meta.example that its input schema rejects');
      }
    }
  }
  return violations;
}

/** Where a zod schema accepts input of unbounded size, as readable problems. */
export function unboundedParts(schema: z.ZodType, at: string): string[] {
  const problems: string[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, where: string): void => {
    if (!(node instanceof z.ZodType) || seen.has(node)) return;
    seen.add(node);
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    const checks = (def.checks ?? []) as { _zod: { def: { check: string } } }[];
    const hasCheck = (...names: string[]) =>
      checks.some((check) => names.includes(check._zod.def.check));
    switch (def.type) {
      case 'string':
        if (
          !hasCheck('max_length', 'length_equals') &&
          !BOUNDED_FORMATS.has(typeof def.format === 'string' ? def.format : '')
        ) {
          problems.push(`${where} is a string without .max(): bound it`);
        }
        return;
      case 'array':
        if (!hasCheck('max_length', 'length_equals')) {
          problems.push(`${where} is an array without .max(): bound it`);
        }
        return walk(def.element, `${where}[]`);
      case 'set':
        if (!hasCheck('max_size', 'size_equals')) {
          problems.push(`${where} is a set without .max(): bound it`);
        }
        return walk(def.valueType, `${where}[]`);
      case 'record':
      case 'map':
        problems.push(
          `${where} is a ${def.type} (any number of keys): use an object or a bounded array`,
        );
        return;
      case 'any':
      case 'unknown':
      case 'custom':
        problems.push(`${where} accepts anything (${def.type}): describe it with a schema`);
        return;
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        for (const [key, value] of Object.entries(shape)) walk(value, `${where}.${key}`);
        const catchall = def.catchall as z.ZodType | undefined;
        if (catchall && catchall._zod.def.type !== 'never') {
          problems.push(
            `${where} accepts extra keys (.catchall/.passthrough/looseObject): use a strict shape`,
          );
        }
        return;
      }
      case 'tuple':
        (def.items as unknown[]).forEach((item, index) => walk(item, `${where}[${index}]`));
        if (def.rest) problems.push(`${where} is a tuple with a rest element: bound it`);
        return;
      case 'union':
        (def.options as unknown[]).forEach((option) => walk(option, where));
        return;
      case 'intersection':
        walk(def.left, where);
        walk(def.right, where);
        return;
      case 'pipe':
        // The client sends what the first schema accepts.
        return walk(def.in, where);
      case 'lazy':
        return walk((def.getter as () => unknown)(), where);
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return walk(def.innerType, where);
      default:
        // number, boolean, enum, literal, date, null, undefined, void, never, transform…
        return;
    }
  };
  walk(schema, at);
  return problems;
}
