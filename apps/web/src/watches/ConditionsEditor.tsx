import { MAX_CONDITIONS } from '@skycast/validators';

import type { Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { ConditionRow } from './ConditionRow.tsx';
import type { Draft } from './watch-draft.ts';

type Condition = Draft['conditions'][number];

/** The conditions of an "all of" watch, each a row, with add and remove. */
export function ConditionsEditor({
  conditions,
  units,
  errors,
  setConditions,
}: {
  conditions: Draft['conditions'];
  units: Units;
  errors: Record<string, string>;
  setConditions: (conditions: Draft['conditions']) => void;
}) {
  const change = (index: number, changes: Partial<Condition>) =>
    setConditions(conditions.map((one, at) => (at === index ? { ...one, ...changes } : one)));
  return (
    <>
      {errors['rule.conditions'] && <p className="field__error">{errors['rule.conditions']}</p>}
      <ol className="watch-form__conditions">
        {conditions.map((condition, index) => (
          // The list only grows or shrinks at its end, so positions are stable keys.
          <li key={index}>
            <ConditionRow
              number={index + 1}
              condition={condition}
              units={units}
              valueError={errors[`rule.conditions.${index}.value`]}
              onChange={(changes) => change(index, changes)}
              onRemove={
                conditions.length > 1
                  ? () => setConditions(conditions.filter((_, at) => at !== index))
                  : undefined
              }
            />
          </li>
        ))}
      </ol>
      {conditions.length < MAX_CONDITIONS && (
        <button
          type="button"
          className="button button--quiet"
          onClick={() =>
            setConditions([...conditions, { metric: 'uvIndex', direction: 'below', value: '7' }])
          }
        >
          {t('watches.form.addCondition')}
        </button>
      )}
    </>
  );
}
