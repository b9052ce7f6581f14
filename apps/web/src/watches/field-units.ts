import type { Units } from '../api-types.ts';
import { temperatureSymbol } from '../weather/units.ts';
import type { Quantity } from './watch-kinds.ts';

/** The unit a number is typed in, for its label. */
export function unitOf(quantity: Quantity, units: Units): string | null {
  switch (quantity) {
    case 'temperature':
      return temperatureSymbol(units.temperature);
    case 'wind':
      return units.windSpeed;
    case 'precipitation':
      return units.precipitation === 'inch' ? 'in/h' : 'mm/h';
    case 'plain':
      return null;
  }
}

// The unit isolated (FSI … PDI), so "°C" keeps its order inside an Arabic label.
export const withUnit = (label: string, unit: string | null) =>
  unit ? `${label} (\u2068${unit}\u2069)` : label;
