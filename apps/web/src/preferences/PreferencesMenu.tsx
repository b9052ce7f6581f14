import { useId, useState } from 'react';

import {
  CLOCK_LABELS,
  CLOCKS,
  describeChange,
  DISTANCE_UNIT_LABELS,
  DISTANCE_UNITS,
  PRECIPITATION_UNIT_LABELS,
  PRECIPITATION_UNITS,
  PRESSURE_UNIT_LABELS,
  PRESSURE_UNITS,
  THEME_LABELS,
  THEMES,
  UNIT_SYSTEM_LABELS,
  UNIT_SYSTEMS,
  WIND_UNIT_LABELS,
  WIND_UNITS,
  type Preferences,
} from './preferences.ts';
import { usePopup } from '../ui/use-popup.ts';
import { usePreferences } from './use-preferences.ts';
import './PreferencesMenu.css';

interface ChoiceProps<T extends string> {
  legend: string;
  name: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
}

/** A native radio group drawn as a segmented control: arrow keys move the choice. */
function Choice<T extends string>({
  legend,
  name,
  options,
  labels,
  value,
  onChange,
}: ChoiceProps<T>) {
  return (
    <fieldset className="choice">
      <legend className="choice__legend">{legend}</legend>
      <div className="choice__options">
        {options.map((option) => (
          <label key={option} className="choice__option">
            <input
              type="radio"
              name={name}
              value={option}
              checked={option === value}
              onChange={() => onChange(option)}
            />
            <span>{labels[option]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The header's "Units" menu: each unit, the clock and the theme, each chosen
 * on its own. Every change applies to the whole page at once and is announced
 * in a polite live region.
 */
export function PreferencesMenu() {
  const { setPreferences, ...preferences } = usePreferences();
  const popup = usePopup();
  const [announcement, setAnnouncement] = useState('');
  const id = useId();

  function change(update: Partial<Preferences>) {
    const said = describeChange(preferences, { ...preferences, ...update });
    setAnnouncement(said);
    setPreferences(update).catch(() => {
      setAnnouncement(
        `${said} Saved in this browser only: your account could not be updated just now.`,
      );
    });
  }

  return (
    <div className="preferences" {...popup.rootProps}>
      <button type="button" className="pill preferences__button" {...popup.buttonProps}>
        <span className="preferences__current">{UNIT_SYSTEM_LABELS[preferences.units]}</span>
        <span className="preferences__button-text">Units and theme</span>
      </button>
      <div className="popup-panel preferences__panel" {...popup.panelProps}>
        <Choice
          legend="Temperature"
          name={`${id}-units`}
          options={UNIT_SYSTEMS}
          labels={UNIT_SYSTEM_LABELS}
          value={preferences.units}
          onChange={(units) => change({ units })}
        />
        <Choice
          legend="Wind speed"
          name={`${id}-wind`}
          options={WIND_UNITS}
          labels={WIND_UNIT_LABELS}
          value={preferences.windUnit}
          onChange={(windUnit) => change({ windUnit })}
        />
        <Choice
          legend="Precipitation"
          name={`${id}-precipitation`}
          options={PRECIPITATION_UNITS}
          labels={PRECIPITATION_UNIT_LABELS}
          value={preferences.precipitationUnit}
          onChange={(precipitationUnit) => change({ precipitationUnit })}
        />
        <Choice
          legend="Pressure"
          name={`${id}-pressure`}
          options={PRESSURE_UNITS}
          labels={PRESSURE_UNIT_LABELS}
          value={preferences.pressureUnit}
          onChange={(pressureUnit) => change({ pressureUnit })}
        />
        <Choice
          legend="Distance"
          name={`${id}-distance`}
          options={DISTANCE_UNITS}
          labels={DISTANCE_UNIT_LABELS}
          value={preferences.distanceUnit}
          onChange={(distanceUnit) => change({ distanceUnit })}
        />
        <Choice
          legend="Clock"
          name={`${id}-clock`}
          options={CLOCKS}
          labels={CLOCK_LABELS}
          value={preferences.clock}
          onChange={(clock) => change({ clock })}
        />
        <Choice
          legend="Theme"
          name={`${id}-theme`}
          options={THEMES}
          labels={THEME_LABELS}
          value={preferences.theme}
          onChange={(theme) => change({ theme })}
        />
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
