import { t } from '../i18n/i18n.ts';
import {
  UNIT_SYSTEM_LABELS,
  WIND_UNIT_LABELS,
  type Clock,
  type DistanceUnit,
  type PrecipitationUnit,
  type Preferences,
  type PressureUnit,
  type Theme,
} from './preferences.ts';

// The menu's words: what its choices are called and what a change is said as. Only the
// menu's choices (a chunk of their own, PreferencesChoices.tsx) use them.

export const PRECIPITATION_UNIT_LABELS: Record<PrecipitationUnit, string> = { mm: 'mm', in: 'in' };
export const PRESSURE_UNIT_LABELS: Record<PressureUnit, string> = {
  hPa: 'hPa',
  inHg: 'inHg',
  mmHg: 'mmHg',
};
export const DISTANCE_UNIT_LABELS: Record<DistanceUnit, string> = { km: 'km', mi: 'mi' };
/** The words for a theme, in the active language. */
export function themeLabel(theme: Theme): string {
  const labels = {
    system: t('preferences.theme.system'),
    light: t('preferences.theme.light'),
    dark: t('preferences.theme.dark'),
  } satisfies Record<Theme, string>;
  return labels[theme];
}

/** The words for a clock, in the active language. */
export function clockLabel(clock: Clock): string {
  return clock === '12h' ? t('preferences.clock.12h') : t('preferences.clock.24h');
}

/** Words for a screen reader, one per setting, in the active language. */
function spoken() {
  return {
    precipitationUnit: { mm: t('units.name.mm'), in: t('units.name.in') },
    pressureUnit: {
      hPa: t('units.name.hPa'),
      inHg: t('units.name.inHg'),
      mmHg: t('units.name.mmHg'),
    },
    distanceUnit: { km: t('units.name.km'), mi: t('units.name.mi') },
  } as const;
}

/**
 * What to tell a screen reader after a change, or '' when nothing it hears changed.
 *
 * @example
 * describeChange(DEFAULT_PREFERENCES, { ...DEFAULT_PREFERENCES, units: 'imperial' })
 * // 'Temperatures now in °F.'
 */
export function describeChange(before: Preferences, after: Preferences): string {
  const said: string[] = [];
  if (before.units !== after.units)
    said.push(t('preferences.changed.temperature', { unit: UNIT_SYSTEM_LABELS[after.units] }));
  if (before.windUnit !== after.windUnit)
    said.push(t('preferences.changed.wind', { unit: WIND_UNIT_LABELS[after.windUnit] }));
  const words = spoken();
  if (before.precipitationUnit !== after.precipitationUnit)
    said.push(
      t('preferences.changed.precipitation', {
        unit: words.precipitationUnit[after.precipitationUnit],
      }),
    );
  if (before.pressureUnit !== after.pressureUnit)
    said.push(t('preferences.changed.pressure', { unit: words.pressureUnit[after.pressureUnit] }));
  if (before.distanceUnit !== after.distanceUnit)
    said.push(t('preferences.changed.distance', { unit: words.distanceUnit[after.distanceUnit] }));
  if (before.clock !== after.clock)
    said.push(
      after.clock === '12h' ? t('preferences.changed.clock12') : t('preferences.changed.clock24'),
    );
  if (before.theme !== after.theme)
    said.push(
      after.theme === 'system'
        ? t('preferences.changed.themeSystem')
        : t('preferences.changed.theme', { theme: themeLabel(after.theme) }),
    );
  return said.join(' ');
}
