import type { Units } from '../api-types.ts';
import { t } from '../i18n/i18n.ts';
import { ConditionsEditor } from './ConditionsEditor.tsx';
import { unitOf, withUnit } from './field-units.ts';
import { LinesFieldEditor } from './LinesFieldEditor.tsx';
import type { Draft } from './watch-draft.ts';
import { ChoiceField, NumberField, TimeField } from './WatchField.tsx';
import type { RuleField } from './watch-kinds.ts';
import { WindowFieldEditor } from './WindowFieldEditor.tsx';

interface RuleFieldEditorProps {
  field: RuleField;
  draft: Draft;
  units: Units;
  errors: Record<string, string>;
  setField: (key: string, value: string) => void;
  setConditions: (conditions: Draft['conditions']) => void;
}

/** The editor for one field of a rule, by the kind of field (`RuleField['editor']`). */
export function RuleFieldEditor(props: RuleFieldEditorProps) {
  const { field, draft, units, errors, setField, setConditions } = props;
  const error = errors[`rule.${field.key}`];
  const value = draft.fields[field.key] ?? '';
  const onChange = (changed: string) => setField(field.key, changed);
  switch (field.editor) {
    case 'number':
      return (
        <NumberField
          label={withUnit(field.label(), unitOf(field.quantity, units))}
          error={error}
          integer={field.integer}
          maxLength={8}
          value={value}
          onChange={onChange}
        />
      );
    case 'choice':
      return (
        <ChoiceField
          label={field.label()}
          error={error}
          options={field.options}
          optionLabel={field.optionLabel}
          value={value}
          onChange={onChange}
        />
      );
    case 'time':
      return (
        <TimeField
          label={field.label()}
          error={error}
          hint={t('watches.form.placeClock')}
          value={value}
          onChange={onChange}
        />
      );
    case 'window':
      return (
        <WindowFieldEditor
          fieldKey={field.key}
          fields={draft.fields}
          errors={errors}
          setField={setField}
        />
      );
    case 'lines':
      return (
        <LinesFieldEditor
          label={field.label()}
          hint={field.hint()}
          error={error}
          value={value}
          onChange={onChange}
        />
      );
    case 'conditions':
      return (
        <ConditionsEditor
          conditions={draft.conditions}
          units={units}
          errors={errors}
          setConditions={setConditions}
        />
      );
  }
}
