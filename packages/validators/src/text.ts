import { z } from 'zod';

import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter } from './control-characters.ts';

/**
 * A string without control characters, at most `max` characters long; every
 * free-text input of the API is built from it.
 *
 * @example
 * text({ max: 100 }).trim().min(1)
 */
export function text({ max, tooLong }: { max: number; tooLong?: string }) {
  return z
    .string()
    .max(max, tooLong ?? 'input.tooLong')
    .refine((value) => !hasControlCharacter(value), CONTROL_CHARACTER_MESSAGE);
}
