import { useMemo } from 'react';

import type { Units } from '../api-types.ts';
import { unitsOf } from './preferences.ts';
import { usePreferences } from './use-preferences.ts';

/**
 * The units and clock the page shows, the same object until one of them
 * changes (a change of theme converts nothing).
 *
 * @example
 * const units = useUnits(); formatTime(day.sunrise, units.clock);
 */
export function useUnits(): Units {
  const { units, windUnit, precipitationUnit, pressureUnit, distanceUnit, clock } =
    usePreferences();
  return useMemo(
    () => unitsOf({ units, windUnit, precipitationUnit, pressureUnit, distanceUnit, clock }),
    [units, windUnit, precipitationUnit, pressureUnit, distanceUnit, clock],
  );
}
