import type { CSSProperties } from 'react';

import { t } from '../i18n/i18n.ts';
import { Disclosure } from '../ui/Disclosure.tsx';
import {
  describeBands,
  pollenLevel,
  pollenName,
  POLLEN_TYPES,
  type Pollen,
} from './pollen-levels.ts';

/**
 * Pollen now by type: the count, its level in words and a swatch (never the
 * colour alone), and what the levels mean. Types the provider has no value for
 * are left out, not shown as zero; when none is in the air, that is said in
 * one line and the list folds away.
 */
export function PollenList({ pollen }: { pollen: Pollen }) {
  const types = POLLEN_TYPES.filter((type) => pollen[type] !== null);
  if (types.length === 0) return null;
  const list = (
    <dl className="pollen__list">
      {types.map((type) => {
        const count = pollen[type]!;
        const level = pollenLevel(type, count);
        return (
          <div key={type} className="pollen__type">
            <dt>{pollenName(type)}</dt>
            <dd>
              <span
                className="aqi__swatch"
                style={{ '--band': level.color } as CSSProperties}
                aria-hidden="true"
              />{' '}
              <span className="pollen__level">{level.name}</span>{' '}
              <span className="pollen__count">
                ({t('pollen.count', { count: Math.round(count) })})
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
  // Nothing in the air (every count below Low's 1 grain/m³): one line, the list folded behind it.
  const none = types.every((type) => pollen[type]! < 1);
  return (
    <div className="pollen">
      <h3 className="pollen__title">{t('pollen.title')}</h3>
      {none ? (
        <Disclosure summary={t('pollen.noneNow')} className="pollen__none">
          {list}
        </Disclosure>
      ) : (
        list
      )}
      <Disclosure summary={t('pollen.meaning')} className="pollen__details">
        <p>{t('pollen.explanation')}</p>
        <ul>
          {types.map((type) => (
            <li key={type}>
              {t('pollen.typeBands', { type: pollenName(type), bands: describeBands(type) })}
            </li>
          ))}
        </ul>
      </Disclosure>
    </div>
  );
}
