import type { Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { dateFormat } from '../weather/local-time.ts';
import { convert, formatPercent, formatPrecipitation } from '../weather/units.ts';
import { percentOfNormal, type SeasonPrecipitation } from './compare-to-normal.ts';

const dayAndMonth = (date: string) =>
  dateFormat({ day: 'numeric', month: 'short' }).format(new Date(`${date}T00:00:00Z`));

const SEASON_NAMES = {
  winter: () => t('normals.season.winter'),
  spring: () => t('normals.season.spring'),
  summer: () => t('normals.season.summer'),
  autumn: () => t('normals.season.autumn'),
} as const;

/** "Since 1 Dec (meteorological winter): 42 mm, 80 % of normal (52 mm)". */
export function SeasonToDate({
  season,
  unit,
}: {
  season: Exclude<SeasonPrecipitation, { status: 'not-fetched' }>;
  unit: Units['precipitation'];
}) {
  const since = t('normals.seasonSince', {
    start: dayAndMonth(season.seasonStart),
    season: SEASON_NAMES[season.season](),
  });
  if (season.status === 'not-yet') {
    return (
      <p className="normals__season">
        <span className="normals__term">{since}:</span> {t('normals.seasonNotYet')}
      </p>
    );
  }
  const amount = (mm: number) => formatPrecipitation(convert.precipitation(mm, 'mm', unit), unit);
  const share = percentOfNormal(season.observed, season.normal);
  return (
    <p className="normals__season">
      <span className="normals__term">{since}:</span>{' '}
      <strong>
        {share === null
          ? t('normals.seasonAmount', {
              amount: amount(season.observed),
              normal: amount(season.normal),
            })
          : t('normals.seasonShare', {
              amount: amount(season.observed),
              share: formatPercent(share),
              normal: amount(season.normal),
            })}
      </strong>
      <span className="normals__season-through">
        {t('normals.seasonThrough', { date: dayAndMonth(season.through) })}
      </span>
    </p>
  );
}
