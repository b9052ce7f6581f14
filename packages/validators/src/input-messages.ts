import type { InputMessageKey } from './reasons.ts';

// How a form reads a zod issue against the error catalogue. A module of its own
// so that the web app's first load, which needs the reasons alone, leaves it out.

/** True for a zod issue message that is a key of the error catalogue rather than zod's own words. */
export function isInputMessageKey(message: string): message is InputMessageKey {
  return message.startsWith('input.');
}

/**
 * The values a zod issue's catalogue message takes: its bounds (`minimum`,
 * `maximum`) and the `params` a refinement was given.
 *
 * @example
 * issueValues({ message: 'input.passwordTooShort', minimum: 8 }) // { minimum: 8 }
 */
export function issueValues(issue: {
  readonly message: string;
  readonly params?: Record<string, unknown> | undefined;
}): Record<string, number | string> {
  const values: Record<string, number | string> = {};
  const fields: Record<string, unknown> = { ...issue.params, ...issue };
  for (const name of ['minimum', 'maximum', ...Object.keys(issue.params ?? {})]) {
    const value = fields[name];
    if (typeof value === 'number' || typeof value === 'string') values[name] = value;
    if (typeof value === 'bigint') values[name] = Number(value);
  }
  return values;
}
