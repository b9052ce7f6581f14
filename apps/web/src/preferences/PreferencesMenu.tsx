import { useLingui } from '@lingui/react';
import { Suspense, useId, useState } from 'react';

import { t } from '../i18n/i18n.ts';
import { UNIT_SYSTEM_LABELS } from './preferences.ts';
import { usePopup } from '../ui/use-popup.ts';
import { temperatureSymbol } from '../weather/units.ts';
import { usePreferences } from './use-preferences.ts';
import { lazyWithWords } from '../i18n/lazy-with-words.ts';
import './PreferencesMenu.css';

// The choices load after the first paint, in a chunk of their own: the menu opens on a click.
const PreferencesChoices = lazyWithWords(() =>
  import('./PreferencesChoices.tsx').then((module) => ({ default: module.PreferencesChoices })),
);

/**
 * The header's "Units" menu: each unit, the clock and the theme, each chosen
 * on its own. Every change applies to the whole page at once and is announced
 * in a polite live region.
 */
export function PreferencesMenu() {
  useLingui();
  const { setPreferences, ...preferences } = usePreferences();
  const popup = usePopup();
  const [announcement, setAnnouncement] = useState('');
  const id = useId();

  return (
    <div className="preferences" {...popup.rootProps}>
      <button type="button" className="pill preferences__button" {...popup.buttonProps}>
        <bdi className="preferences__current">
          {temperatureSymbol(UNIT_SYSTEM_LABELS[preferences.units])}
        </bdi>
        <span className="preferences__button-text">{t('preferences.button')}</span>
      </button>
      <div className="popup-panel preferences__panel" {...popup.panelProps}>
        <Suspense fallback={null}>
          <PreferencesChoices
            preferences={preferences}
            setPreferences={setPreferences}
            announce={setAnnouncement}
            id={id}
          />
        </Suspense>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
