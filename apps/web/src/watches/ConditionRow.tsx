import { CONDITION_METRICS } from '@skycast/validators';

import type { Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { unitOf, withUnit } from './field-units.ts';
import type { Draft } from './watch-draft.ts';
import { ChoiceField, NumberField } from './WatchField.tsx';
import { DIRECTION_FIELD, METRIC_QUANTITY, metricLabel } from './watch-kinds.ts';

type Condition = Draft['conditions'][number];

/** One condition of an "all of" watch: what, below or above, how much; removable when not the last. */
export function ConditionRow({
  number,
  condition,
  units,
  valueError,
  onChange,
  onRemove,
}: {
  /** Its place in the list, from 1. */
  number: number;
  condition: Condition;
  units: Units;
  valueError: string | undefined;
  onChange: (changes: Partial<Condition>) => void;
  onRemove: (() => void) | undefined;
}) {
  const unit =
    condition.metric === 'precipitationProbability'
      ? '%'
      : unitOf(METRIC_QUANTITY[condition.metric], units);
  return (
    <fieldset className="watch-form__condition">
      <legend className="field__label">{t('watches.form.condition', { number })}</legend>
      <ChoiceField
        label={t('watches.form.metric')}
        options={CONDITION_METRICS}
        optionLabel={metricLabel}
        value={condition.metric}
        onChange={(metric) => onChange({ metric })}
      />
      <ChoiceField
        label={DIRECTION_FIELD.label()}
        options={DIRECTION_FIELD.options as readonly Condition['direction'][]}
        optionLabel={DIRECTION_FIELD.optionLabel}
        value={condition.direction}
        onChange={(direction) => onChange({ direction })}
      />
      <NumberField
        label={withUnit(t('watches.form.value'), unit)}
        error={valueError}
        maxLength={8}
        value={condition.value}
        onChange={(value) => onChange({ value })}
      />
      {onRemove && (
        <button
          type="button"
          className="button button--quiet"
          aria-label={t('watches.form.removeCondition', { number })}
          onClick={onRemove}
        >
          {t('watches.remove')}
        </button>
      )}
    </fieldset>
  );
}
