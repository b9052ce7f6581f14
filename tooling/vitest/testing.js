/**
 * Test helpers every package shares. Kept apart from the config in index.js,
 * which Vitest loads before any test runs.
 */

/**
 * Awaits a call that should fail and returns its error, so a test can assert
 * on it. The call succeeding fails the test; an error of another class is
 * rethrown as it is, so the test shows what really went wrong.
 *
 * @example
 * const error = await rejectionOf(caller.weather.forecast(input), TRPCError);
 * expect(error.code).toBe('BAD_REQUEST');
 *
 * @template {Error} T
 * @param {Promise<unknown>} promise the call
 * @param {abstract new (...args: never[]) => T} type the error class expected
 * @returns {Promise<T>}
 */
export async function rejectionOf(promise, type) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected the call to fail with a ${type.name}, but it succeeded`);
}
