/**
 * How many calls Open-Meteo's free tier counts one request as. Its pricing
 * page counts a request with more than 10 variables, or more than two weeks
 * of data, as several calls, fractionally. Skycast reads that as: every ten
 * data columns (a variable for one model, or for one ensemble member) are one
 * call, multiplied by the days beyond two weeks, and a request is never less
 * than one call. A 51-member ensemble of two variables is 10.2 calls; the
 * ensemble mean with its spread for three variables is 1.
 *
 * @example
 * openMeteoCallWeight({ columns: 2 * 51, days: 7 }); // 10.2
 */
export function openMeteoCallWeight(request: { columns: number; days: number }): number {
  return Math.max(1, (request.columns / 10) * Math.max(1, request.days / 14));
}
