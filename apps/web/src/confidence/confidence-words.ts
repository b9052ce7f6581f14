import type { RouterOutputs } from '@skycast/api';

import type { Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { weekdayOf } from '../weather/local-time.ts';
import { converterFor, formatPrecipitation, formatShortTemperature } from '../weather/units.ts';
import { formatWindSpeed } from '../weather/detail-units.ts';

export type ConfidenceAnswer = RouterOutputs['weather']['confidence'];
export type ConfidenceDay = ConfidenceAnswer['days'][number];
export type ConfidenceHour = ConfidenceAnswer['hours'][number];
export type ConfidenceLabel = ConfidenceDay['label'];
type Reason = ConfidenceDay['reason'];
export type ModelId = ConfidenceDay['models'][number]['model'];

/** The models' own names: proper nouns, the same in every language. */
export const MODEL_NAMES: Record<ModelId, string> = {
  ecmwf_ifs025: 'ECMWF',
  gfs_seamless: 'GFS',
  icon_seamless: 'ICON',
  gem_seamless: 'GEM',
  meteofrance_seamless: 'Météo-France',
  ukmo_seamless: 'UKMO',
  jma_seamless: 'JMA',
};

/** The confidence answer is in °C, mm and km/h; these are its values in the person's units. */
export function confidenceUnits(units: Units) {
  const convert = converterFor(
    {
      temperature: '°C',
      windSpeed: 'km/h',
      precipitation: 'mm',
      pressure: 'hPa',
      visibility: 'km',
    },
    units,
  );
  return {
    temperature: (celsius: number) => convert.temperature(celsius),
    /** A difference of temperatures: scaled, never shifted. */
    temperatureWidth: (celsius: number) => convert.temperature(celsius) - convert.temperature(0),
    formatTemperature: (celsius: number) =>
      formatShortTemperature(convert.temperature(celsius), units.temperature),
    formatTemperatureWidth: (celsius: number) =>
      formatShortTemperature(
        convert.temperature(celsius) - convert.temperature(0),
        units.temperature,
      ),
    formatRain: (mm: number) =>
      mm < 0.05
        ? t('confidence.dry')
        : formatPrecipitation(convert.precipitation(mm), units.precipitation),
    formatWind: (kmh: number) => formatWindSpeed(convert.windSpeed(kmh), units.windSpeed),
  };
}

const LABEL_KEYS = {
  sure: 'confidence.label.sure',
  likely: 'confidence.label.likely',
  uncertain: 'confidence.label.uncertain',
} as const;

export const labelText = (label: ConfidenceLabel) => t(LABEL_KEYS[label]);

/**
 * The one-line reason for a label, in the page's language:
 * "ECMWF dry, GFS 6 mm; 18 of 51 runs wet".
 */
export function reasonText(reason: Reason, units: Units): string {
  const shown = confidenceUnits(units);
  const between = (format: (value: number) => string) => ({
    lowModel: reason.lowModel ? MODEL_NAMES[reason.lowModel] : '',
    low: reason.low === undefined ? '' : format(reason.low),
    highModel: reason.highModel ? MODEL_NAMES[reason.highModel] : '',
    high: reason.high === undefined ? '' : format(reason.high),
  });
  switch (reason.code) {
    case 'agree':
      return t('confidence.reason.agree');
    case 'temperature-spread':
      return t('confidence.reason.temperatureSpread', {
        width: shown.formatTemperatureWidth(reason.width ?? 0),
      });
    case 'wind-spread':
      return t('confidence.reason.windSpread', { width: shown.formatWind(reason.width ?? 0) });
    case 'rain-amount':
      return t('confidence.reason.rainAmount', { width: shown.formatRain(reason.width ?? 0) });
    case 'rain-split':
      return t('confidence.reason.rainSplit', { wet: reason.wet ?? 0, of: reason.of ?? 0 });
    case 'models-temperature':
      return t('confidence.reason.models', between(shown.formatTemperature));
    case 'models-rain':
      return reason.wet !== undefined && reason.of !== undefined && reason.of !== 100
        ? t('confidence.reason.modelsRainRuns', {
            ...between(shown.formatRain),
            wet: reason.wet,
            of: reason.of,
          })
        : t('confidence.reason.models', between(shown.formatRain));
  }
}

/** "Saturday's high +4° since Tuesday", or null when the runs agree. */
export function changeText(day: ConfidenceDay, units: Units): string | null {
  if (!day.change) return null;
  const shown = confidenceUnits(units);
  const delta = shown.temperatureWidth(day.change.highNow - day.change.highThen);
  const since = new Date(`${day.date}T00:00:00Z`);
  since.setUTCDate(since.getUTCDate() - day.change.runsBack);
  const sign = delta > 0 ? '+' : '';
  return t('confidence.changed', {
    day: weekdayOf(day.date, 'long'),
    change: `${sign}${formatShortTemperature(delta, units.temperature)}`,
    since: weekdayOf(since.toISOString().slice(0, 10), 'long'),
  });
}
