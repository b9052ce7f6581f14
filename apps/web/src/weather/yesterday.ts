/**
 * "3° warmer than yesterday at this time": a difference of temperatures in
 * words. Differences under half a degree read as "about as warm".
 *
 * @example
 * comparedWithYesterday(12.4, 9.1, 'at this time') // '3° warmer than yesterday at this time'
 */
export function comparedWithYesterday(today: number, yesterday: number, when: string): string {
  const difference = Math.round(today - yesterday);
  if (difference === 0) return `About as warm as yesterday ${when}`;
  const word = difference > 0 ? 'warmer' : 'colder';
  return `${Math.abs(difference)}° ${word} than yesterday ${when}`;
}

/**
 * How one high stands against another: "3° above", "2° below" or "the same as".
 *
 * @example
 * againstYesterday(21.2, 18.4) // '3° above'
 */
export function againstYesterday(today: number, yesterday: number): string {
  const difference = Math.round(today - yesterday);
  if (difference === 0) return 'the same as';
  return `${Math.abs(difference)}° ${difference > 0 ? 'above' : 'below'}`;
}
