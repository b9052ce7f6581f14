import { useLingui } from '@lingui/react';
import { useId } from 'react';

import { LANGUAGES, type Language } from '@skycast/validators';

import { resolveLanguage, type LanguageChoice, t } from '../i18n/i18n.ts';
import {
  CLOCKS,
  DISTANCE_UNITS,
  PRECIPITATION_UNITS,
  PRESSURE_UNITS,
  THEMES,
  UNIT_SYSTEM_LABELS,
  UNIT_SYSTEMS,
  WIND_UNIT_LABELS,
  WIND_UNITS,
  type Preferences,
} from './preferences.ts';
import {
  clockLabel,
  describeChange,
  DISTANCE_UNIT_LABELS,
  PRECIPITATION_UNIT_LABELS,
  PRESSURE_UNIT_LABELS,
  themeLabel,
} from './preference-words.ts';
import { temperatureSymbol } from '../weather/units.ts';

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

/** Each language's name in itself, so a person finds theirs whatever the page speaks now. */
const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  ar: 'العربية',
};

/** The language menu: the browser's choice, or one of the languages by its own name. */
function LanguageSelect({
  value,
  onChange,
}: {
  value: LanguageChoice;
  onChange: (value: LanguageChoice) => void;
}) {
  const id = useId();
  const browsers = LANGUAGE_NAMES[resolveLanguage('auto')];
  return (
    <div className="choice">
      <label className="choice__legend" htmlFor={id}>
        {t('preferences.language')}
      </label>
      <select
        id={id}
        className="preferences__select"
        value={value}
        onChange={(event) => onChange(event.target.value as LanguageChoice)}
      >
        <option value="auto">{t('preferences.language.auto', { language: browsers })}</option>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}

interface PreferencesChoicesProps {
  preferences: Preferences;
  /** Applies a change (usePreferences); rejects when the account could not take it. */
  setPreferences: (update: Partial<Preferences>) => Promise<void>;
  /** Says something in the menu's polite live region. */
  announce: (said: string) => void;
  /** Prefix of the radio groups' names. */
  id: string;
}

/** Applies a change and says it; says too when the account could not take it. */
function applyAndSay(
  { preferences, setPreferences, announce }: PreferencesChoicesProps,
  update: Partial<Preferences>,
): void {
  const said = describeChange(preferences, { ...preferences, ...update });
  announce(said);
  setPreferences(update).catch(() => {
    announce(`${said} ${t('preferences.savedHereOnly')}`);
  });
}

/**
 * What the "Units" menu offers: the language, each unit, the clock and the
 * theme, each chosen on its own. Loaded when the header is drawn, in a chunk
 * of its own, so the first screen does not wait for it.
 */
export function PreferencesChoices(props: PreferencesChoicesProps) {
  const { preferences, id } = props;
  useLingui();
  const change = (update: Partial<Preferences>) => applyAndSay(props, update);
  return (
    <>
      <LanguageSelect value={preferences.language} onChange={(language) => change({ language })} />
      <Choice
        legend={t('preferences.temperature')}
        name={`${id}-units`}
        options={UNIT_SYSTEMS}
        labels={{
          metric: temperatureSymbol(UNIT_SYSTEM_LABELS.metric),
          imperial: temperatureSymbol(UNIT_SYSTEM_LABELS.imperial),
        }}
        value={preferences.units}
        onChange={(units) => change({ units })}
      />
      <Choice
        legend={t('preferences.wind')}
        name={`${id}-wind`}
        options={WIND_UNITS}
        labels={WIND_UNIT_LABELS}
        value={preferences.windUnit}
        onChange={(windUnit) => change({ windUnit })}
      />
      <Choice
        legend={t('preferences.precipitation')}
        name={`${id}-precipitation`}
        options={PRECIPITATION_UNITS}
        labels={PRECIPITATION_UNIT_LABELS}
        value={preferences.precipitationUnit}
        onChange={(precipitationUnit) => change({ precipitationUnit })}
      />
      <Choice
        legend={t('preferences.pressure')}
        name={`${id}-pressure`}
        options={PRESSURE_UNITS}
        labels={PRESSURE_UNIT_LABELS}
        value={preferences.pressureUnit}
        onChange={(pressureUnit) => change({ pressureUnit })}
      />
      <Choice
        legend={t('preferences.distance')}
        name={`${id}-distance`}
        options={DISTANCE_UNITS}
        labels={DISTANCE_UNIT_LABELS}
        value={preferences.distanceUnit}
        onChange={(distanceUnit) => change({ distanceUnit })}
      />
      <Choice
        legend={t('preferences.clock')}
        name={`${id}-clock`}
        options={CLOCKS}
        labels={{ '24h': clockLabel('24h'), '12h': clockLabel('12h') }}
        value={preferences.clock}
        onChange={(clock) => change({ clock })}
      />
      <Choice
        legend={t('preferences.theme')}
        name={`${id}-theme`}
        options={THEMES}
        labels={{
          system: themeLabel('system'),
          light: themeLabel('light'),
          dark: themeLabel('dark'),
        }}
        value={preferences.theme}
        onChange={(theme) => change({ theme })}
      />
    </>
  );
}
