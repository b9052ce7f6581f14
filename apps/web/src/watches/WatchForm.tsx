import { useEffect, useId, useRef } from 'react';

import type { WatchKind, WatchRule, WatchSchedule } from '@skycast/validators';

import { t } from '../i18n/i18n.ts';
import { RuleFieldEditor } from './RuleFieldEditor.tsx';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { FORM_KINDS, useWatchForm } from './use-watch-form.ts';
import { WatchField } from './WatchField.tsx';
import { KIND_FORMS } from './watch-kinds.ts';
import { WatchPreview } from './WatchPreview.tsx';

/**
 * The add/edit form of a watch: its kind's fields (numbers in the person's
 * units), when it may notify, and quiet hours. Checked with the API's own
 * schemas before it is sent; what the server still refuses is shown too.
 */
export function WatchForm({
  placeId,
  watch,
  onDone,
}: {
  placeId: string;
  /** The watch to edit; a new one when absent. */
  watch?: { id: string; rule: WatchRule; schedule: WatchSchedule };
  onDone: () => void;
}) {
  const { units, draft, errors, busy, form, set, setField, changeKind, checkedInput, submit } =
    useWatchForm({ placeId, watch, onDone });
  const titleId = useId();
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);

  const kindForm = KIND_FORMS[draft.kind];
  return (
    <form ref={form} className="watch-form" aria-labelledby={titleId} noValidate onSubmit={submit}>
      <h3 id={titleId} ref={title} tabIndex={-1} className="watch-form__title">
        {watch ? t('watches.form.editTitle') : t('watches.form.addTitle')}
      </h3>
      {errors.form && (
        <p className="notice notice--error" role="alert" tabIndex={-1} data-form-error>
          {errors.form}
        </p>
      )}
      <KindSelect kind={draft.kind} onChange={changeKind} />
      {kindForm && (kindForm.fields.length > 0 || errors.rule) && (
        <fieldset className="watch-form__group">
          <legend>{t('watches.form.rule')}</legend>
          {errors.rule && <p className="field__error">{errors.rule}</p>}
          {kindForm.fields.map((field) => (
            <RuleFieldEditor
              key={field.key}
              field={field}
              draft={draft}
              units={units}
              errors={errors}
              setField={setField}
              setConditions={(conditions) => set({ conditions })}
            />
          ))}
          {kindForm.hint && <p className="field__hint">{kindForm.hint()}</p>}
        </fieldset>
      )}
      <ScheduleEditor schedule={draft} errors={errors} set={set} />
      <WatchPreview placeId={placeId} check={checkedInput} />
      <div className="watch-form__actions">
        <button type="submit" className="button" disabled={busy}>
          {watch ? t('watches.form.save') : t('watches.form.create')}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          {t('watches.form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The watch's kind; a kind the form has no fields for is shown as it is and cannot be changed. */
function KindSelect({ kind, onChange }: { kind: WatchKind; onChange: (kind: WatchKind) => void }) {
  const known = KIND_FORMS[kind] !== undefined;
  return (
    <WatchField label={t('watches.form.kind')}>
      {(props) => (
        <select
          {...props}
          className="field__input"
          value={kind}
          disabled={!known}
          onChange={(event) => onChange(event.target.value as WatchKind)}
        >
          {!known && <option value={kind}>{kind}</option>}
          {FORM_KINDS.map((one) => (
            <option key={one} value={one}>
              {KIND_FORMS[one]?.label()}
            </option>
          ))}
        </select>
      )}
    </WatchField>
  );
}
