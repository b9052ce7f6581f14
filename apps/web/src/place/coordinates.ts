import type { Coordinates } from '../api-types.ts';

// Writing coordinates is @skycast/validators' formatCoordinates, the server's too (it
// writes a place's first view into the page): one rule for both.

// A number with a decimal point or comma, then an optional degree sign and hemisphere letter.
const PART = String.raw`([+-]?\d{1,3}(?:[.,]\d{1,10})?)\s*°?\s*([NSEWnsew])?`;
const TYPED_COORDINATES = new RegExp(String.raw`^\s*${PART}\s*[,;\s]\s*${PART}\s*$`);

/**
 * Coordinates typed into the search, as people write them: "48.85, 2.35",
 * "48.85 2.35", "-33.87;151.21", "33.87° S, 151.21° E", "48,85; 2,35". Null
 * for anything else (a name, a postal code) or a point off the globe.
 *
 * @example
 * parseTypedCoordinates('48.85, 2.35') // { latitude: 48.85, longitude: 2.35 }
 * parseTypedCoordinates('33.87° S, 151.21° E') // { latitude: -33.87, longitude: 151.21 }
 * parseTypedCoordinates('10001') // null
 */
export function parseTypedCoordinates(text: string): Coordinates | null {
  const match = TYPED_COORDINATES.exec(text);
  if (!match) return null;
  const [, firstNumber, firstLetter, secondNumber, secondLetter] = match;
  const first = signed(firstNumber!, firstLetter);
  const second = signed(secondNumber!, secondLetter);
  // "2.35 E, 48.85 N": the letters say which is which.
  const swapped = /[ew]/i.test(firstLetter ?? '') || /[ns]/i.test(secondLetter ?? '');
  const [latitude, longitude] = swapped ? [second, first] : [first, second];
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

function signed(number: string, hemisphere: string | undefined): number {
  const value = Number(number.replace(',', '.'));
  return /[sw]/i.test(hemisphere ?? '') ? -Math.abs(value) : value;
}
