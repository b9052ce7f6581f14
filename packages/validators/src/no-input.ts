import { z } from 'zod';

/**
 * The input of a procedure that takes none: nothing, `null` or `{}`, so that a
 * plain `POST` from curl or any language calls it whatever its client sends.
 */
export const noInputSchema = z
  .union([z.undefined(), z.null(), z.object({}).strict()])
  .transform(() => undefined);
