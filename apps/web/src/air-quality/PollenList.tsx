import type { CSSProperties } from 'react';

import { Disclosure } from '../ui/Disclosure.tsx';
import {
  describeBands,
  POLLEN_NAMES,
  pollenLevel,
  type Pollen,
  type PollenType,
} from './pollen-levels.ts';

/**
 * Pollen now by type: the count, its level in words and a swatch (never the
 * colour alone), and what the levels mean. Types the provider has no value for
 * are left out, not shown as zero.
 */
export function PollenList({ pollen }: { pollen: Pollen }) {
  const types = (Object.keys(POLLEN_NAMES) as PollenType[]).filter((type) => pollen[type] !== null);
  if (types.length === 0) return null;
  return (
    <div className="pollen">
      <h3 className="pollen__title">Pollen</h3>
      <dl className="pollen__list">
        {types.map((type) => {
          const count = pollen[type]!;
          const level = pollenLevel(type, count);
          return (
            <div key={type} className="pollen__type">
              <dt>{POLLEN_NAMES[type]}</dt>
              <dd>
                <span
                  className="aqi__swatch"
                  style={{ '--band': level.color } as CSSProperties}
                  aria-hidden="true"
                />{' '}
                <span className="pollen__level">{level.name}</span>{' '}
                <span className="pollen__count">({Math.round(count)} grains/m³)</span>
              </dd>
            </div>
          );
        })}
      </dl>
      <Disclosure summary="What the pollen levels mean" className="pollen__details">
        <p>
          Grains of pollen in a cubic metre of air near the ground, from a forecast model (CAMS,
          Europe only). Most people with hay fever notice “Moderate” and above.
        </p>
        <ul>
          {types.map((type) => (
            <li key={type}>
              {POLLEN_NAMES[type]}: {describeBands(type)}.
            </li>
          ))}
        </ul>
      </Disclosure>
    </div>
  );
}
