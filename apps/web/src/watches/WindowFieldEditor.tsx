import { t } from '../i18n/i18n.ts';
import { NumberField } from './WatchField.tsx';

/** How far ahead a rule looks: the next n hours, or tonight (`rule[key]` as `{ hours }` or `{ tonight }`). */
export function WindowFieldEditor({
  fieldKey,
  fields,
  errors,
  setField,
}: {
  fieldKey: string;
  fields: Record<string, string>;
  errors: Record<string, string>;
  setField: (key: string, value: string) => void;
}) {
  const path = `rule.${fieldKey}`;
  const mode = fields[`${fieldKey}.mode`] ?? 'hours';
  return (
    <fieldset className="watch-form__window">
      <legend className="field__label">{t('watches.form.window')}</legend>
      <label className="watch-form__check">
        <input
          type="radio"
          name={`${fieldKey}-mode`}
          checked={mode === 'hours'}
          onChange={() => setField(`${fieldKey}.mode`, 'hours')}
        />
        {t('watches.form.window.hours')}
      </label>
      {mode === 'hours' && (
        <NumberField
          label={t('watches.form.hours')}
          error={errors[`${path}.hours`] ?? errors[path]}
          integer
          maxLength={3}
          value={fields[`${fieldKey}.hours`] ?? ''}
          onChange={(value) => setField(`${fieldKey}.hours`, value)}
        />
      )}
      <label className="watch-form__check">
        <input
          type="radio"
          name={`${fieldKey}-mode`}
          checked={mode === 'tonight'}
          onChange={() => setField(`${fieldKey}.mode`, 'tonight')}
        />
        {t('watches.form.window.tonight')}
      </label>
    </fieldset>
  );
}
