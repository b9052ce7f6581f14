import type { DailyEntry, Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Disclosure } from '../ui/Disclosure.tsx';
import { dateFormat } from '../weather/local-time.ts';
import { shareOf, type DayNormal } from './compare-to-normal.ts';
import { comparisonText, shown } from './normal-text.ts';

const shortDay = (date: string) =>
  dateFormat({ weekday: 'short', day: 'numeric' }).format(new Date(`${date}T00:00:00Z`));

/** Each coming day's forecast high against the shaded 10–90 % band of normal highs. */
export function ComingDays({
  days,
  normals,
  units,
}: {
  days: DailyEntry[];
  normals: Map<string, DayNormal>;
  units: Units;
}) {
  const rows = days.flatMap((day) => {
    const normal = normals.get(day.date);
    return normal ? [{ day, normal, high: day.temperatureMax }] : [];
  });
  if (rows.length === 0) return null;
  const min = Math.min(...rows.flatMap(({ normal, high }) => [normal.highP10, high])) - 1;
  const max = Math.max(...rows.flatMap(({ normal, high }) => [normal.highP90, high])) + 1;
  return (
    <Disclosure summary={t('normals.comingDays', { count: rows.length })} className="normals__days">
      <DataTable
        label={t('normals.comingDaysLabel')}
        columns={[
          t('normals.day'),
          t('normals.forecastHigh'),
          t('normals.normalHigh'),
          t('normals.againstNormal'),
        ]}
      >
        {rows.map(({ day, normal, high }) => (
          <tr key={day.date}>
            <th scope="row">{shortDay(day.date)}</th>
            <td>{shown(high, units.temperature)}</td>
            <td>
              {t('normals.range', {
                low: shown(normal.highP10, units.temperature),
                high: shown(normal.highP90, units.temperature),
              })}
            </td>
            <td className="normals__bar-cell">
              <span className="normals__against">
                {comparisonText(high, normal, units.temperature)}
              </span>
              <span className="normals__bar" aria-hidden="true">
                <span
                  className="normals__band"
                  style={{
                    insetInlineStart: `${shareOf(normal.highP10, min, max) * 100}%`,
                    width: `${(shareOf(normal.highP90, min, max) - shareOf(normal.highP10, min, max)) * 100}%`,
                  }}
                />
                <span
                  className="normals__mark"
                  style={{ insetInlineStart: `${shareOf(high, min, max) * 100}%` }}
                />
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </Disclosure>
  );
}
