import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

import {
  CONDITION_METRICS,
  MAX_CONDITIONS,
  MAX_MUTED_EVENTS,
  WATCH_KINDS,
  watchRuleSchema,
  watchScheduleSchema,
  type WatchKind,
  type WatchRule,
  type WatchSchedule,
} from '@skycast/validators';
import { z } from 'zod';

import type { Units } from '../api-types.ts';
import { errorMessage } from '../error-message.ts';
import { intlLocale, t } from '../i18n/i18n.ts';
import { useUnits } from '../preferences/use-units.ts';
import { trpc } from '../trpc.ts';
import { useProblemFocus } from '../ui/focus-problem.ts';
import { temperatureSymbol } from '../weather/units.ts';
import '../ui/TextField.css';
import { draftOf, fieldErrors, inputOf, newDraft, type Draft } from './watch-draft.ts';
import {
  DIRECTION_FIELD,
  KIND_FORMS,
  METRIC_QUANTITY,
  metricLabel,
  type Quantity,
  type RuleField,
} from './watch-kinds.ts';

const FORM_KINDS = WATCH_KINDS.filter((kind) => KIND_FORMS[kind] !== undefined);
const ruleAndSchedule = z.object({ rule: watchRuleSchema, schedule: watchScheduleSchema });

/** The unit a number is typed in, for its label. */
function unitOf(quantity: Quantity, units: Units): string | null {
  switch (quantity) {
    case 'temperature':
      return temperatureSymbol(units.temperature);
    case 'wind':
      return units.windSpeed;
    case 'precipitation':
      return units.precipitation === 'inch' ? 'in/h' : 'mm/h';
    case 'plain':
      return null;
  }
}

// The unit isolated (FSI … PDI), so "°C" keeps its order inside an Arabic label.
const withUnit = (label: string, unit: string | null) =>
  unit ? `${label} (\u2068${unit}\u2069)` : label;

/** Monday … Sunday (1 … 7) in the page's language. */
function weekdayName(day: number, width: 'short' | 'long'): string {
  return new Intl.DateTimeFormat(intlLocale(), { weekday: width, timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, day), // 1 January 2024 was a Monday.
  );
}

/** A labelled control with its error tied to it; `control` gets the id and description. */
function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (props: {
    id: string;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field watch-form__field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

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
  const units = useUnits();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() =>
    watch
      ? draftOf(watch.rule, watch.schedule, units)
      : newDraft(FORM_KINDS[0] ?? 'rain-starts', units),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** What the last "Preview" click asked about; null until one. */
  const [previewed, setPreviewed] = useState<z.infer<typeof ruleAndSchedule> | null>(null);
  const preview = useQuery({
    ...trpc.watches.preview.queryOptions({
      placeId,
      ...(previewed ?? { rule: { kind: 'rain-stops' } }),
    }),
    enabled: previewed !== null,
  });
  const { form, focusProblem } = useProblemFocus();
  const titleId = useId();
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);

  const settled = {
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.watches.pathFilter());
      onDone();
    },
    onError: (error: unknown) => {
      const fromZod =
        error instanceof TRPCClientError
          ? ((error.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined)
              ?.zodError?.fieldErrors ?? {})
          : {};
      const placed: Record<string, string> = { form: errorMessage(error) };
      for (const key of ['rule', 'schedule']) {
        const first = fromZod[key]?.[0];
        if (first) placed[key] = first;
      }
      setErrors(placed);
      focusProblem();
    },
  };
  const create = useMutation(trpc.watches.create.mutationOptions(settled));
  const update = useMutation(trpc.watches.update.mutationOptions(settled));
  const busy = create.isPending || update.isPending;

  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const setField = (key: string, value: string) =>
    setDraft((current) => ({ ...current, fields: { ...current.fields, [key]: value } }));

  /** The form's rule and schedule, checked with the API's schemas; null (and the problems shown) when refused. */
  function checkedInput(): z.infer<typeof ruleAndSchedule> | null {
    const checked = ruleAndSchedule.safeParse(inputOf(draft, units));
    if (!checked.success) {
      setErrors(
        fieldErrors(draft, checked.error.issues, units, {
          notANumber: t('watches.form.error.number'),
          wholeNumber: t('watches.form.error.whole'),
          atLeast: (value) => t('watches.form.error.atLeast', { value }),
          atMost: (value) => t('watches.form.error.atMost', { value }),
        }),
      );
      focusProblem();
      return null;
    }
    setErrors({});
    return checked.data;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkedInput();
    if (!checked) return;
    if (watch) update.mutate({ id: watch.id, ...checked });
    else create.mutate({ placeId, ...checked });
  }

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
      <Field label={t('watches.form.kind')}>
        {(props) => (
          <select
            {...props}
            className="field__input"
            value={draft.kind}
            disabled={!kindForm}
            onChange={(event) => {
              setErrors({});
              setDraft((current) => ({
                ...newDraft(event.target.value as WatchKind, units),
                days: current.days,
                from: current.from,
                until: current.until,
                quiet: current.quiet,
                quietFrom: current.quietFrom,
                quietUntil: current.quietUntil,
              }));
            }}
          >
            {!kindForm && <option value={draft.kind}>{draft.kind}</option>}
            {FORM_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_FORMS[kind]?.label()}
              </option>
            ))}
          </select>
        )}
      </Field>
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
      <fieldset className="watch-form__group">
        <legend>{t('watches.form.when')}</legend>
        {errors.schedule && <p className="field__error">{errors.schedule}</p>}
        <fieldset
          className="watch-form__days"
          aria-describedby={errors['schedule.days'] ? `${titleId}-days-error` : undefined}
        >
          <legend className="field__label">{t('watches.form.days')}</legend>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <label key={day} className="watch-form__day">
              <input
                type="checkbox"
                checked={draft.days.includes(day)}
                aria-label={weekdayName(day, 'long')}
                onChange={(event) =>
                  set({
                    days: event.target.checked
                      ? [...draft.days, day].sort()
                      : draft.days.filter((one) => one !== day),
                  })
                }
              />
              <span aria-hidden="true">{weekdayName(day, 'short')}</span>
            </label>
          ))}
          {errors['schedule.days'] && (
            <p id={`${titleId}-days-error`} className="field__error">
              {errors['schedule.days']}
            </p>
          )}
        </fieldset>
        <div className="watch-form__row">
          <Field label={t('watches.form.from')} error={errors['schedule.from']}>
            {(props) => (
              <input
                {...props}
                type="time"
                className="field__input"
                value={draft.from}
                onChange={(event) => set({ from: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('watches.form.until')} error={errors['schedule.until']}>
            {(props) => (
              <input
                {...props}
                type="time"
                className="field__input"
                value={draft.until}
                onChange={(event) => set({ until: event.target.value })}
              />
            )}
          </Field>
        </div>
        <p className="field__hint">{t('watches.form.hoursHint')}</p>
        <label className="watch-form__check">
          <input
            type="checkbox"
            checked={draft.quiet}
            onChange={(event) => set({ quiet: event.target.checked })}
          />
          {t('watches.form.quiet')}
        </label>
        {draft.quiet && (
          <div className="watch-form__row">
            <Field label={t('watches.form.quietFrom')} error={errors['schedule.quiet.from']}>
              {(props) => (
                <input
                  {...props}
                  type="time"
                  className="field__input"
                  value={draft.quietFrom}
                  onChange={(event) => set({ quietFrom: event.target.value })}
                />
              )}
            </Field>
            <Field label={t('watches.form.quietUntil')} error={errors['schedule.quiet.until']}>
              {(props) => (
                <input
                  {...props}
                  type="time"
                  className="field__input"
                  value={draft.quietUntil}
                  onChange={(event) => set({ quietUntil: event.target.value })}
                />
              )}
            </Field>
          </div>
        )}
      </fieldset>
      <div className="watch-form__preview">
        <button
          type="button"
          className="button button--quiet"
          onClick={() => setPreviewed(checkedInput())}
        >
          {t('watches.preview.button')}
        </button>
        <div role="status">
          {previewed && preview.isFetching && <p>{t('watches.preview.loading')}</p>}
          {previewed && preview.error && !preview.isFetching && (
            <p className="field__error">{errorMessage(preview.error)}</p>
          )}
          {previewed && preview.data && !preview.isFetching && (
            <PreviewAnswer answer={preview.data} />
          )}
        </div>
      </div>
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

const previewTime = (iso: string) =>
  new Intl.DateTimeFormat(intlLocale(), {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(Date.parse(iso));

/** When the rule would have notified in the last 48 hours, in words. */
function PreviewAnswer({
  answer,
}: {
  answer: { supported: boolean; events: { at: string; title: string; body: string }[] };
}) {
  if (!answer.supported) return <p>{t('watches.preview.unsupported')}</p>;
  if (answer.events.length === 0) return <p>{t('watches.preview.none')}</p>;
  return (
    <>
      <p>{t('watches.preview.fired', { count: answer.events.length })}</p>
      <ul className="watch-form__fired">
        {answer.events.map((event) => (
          <li key={`${event.at} ${event.title}`}>
            <time dateTime={event.at}>{previewTime(event.at)}</time> — {event.title}
          </li>
        ))}
      </ul>
    </>
  );
}

function RuleFieldEditor({
  field,
  draft,
  units,
  errors,
  setField,
  setConditions,
}: {
  field: RuleField;
  draft: Draft;
  units: Units;
  errors: Record<string, string>;
  setField: (key: string, value: string) => void;
  setConditions: (conditions: Draft['conditions']) => void;
}) {
  const path = `rule.${field.key}`;
  const value = draft.fields[field.key] ?? '';
  switch (field.editor) {
    case 'number':
      return (
        <Field label={withUnit(field.label(), unitOf(field.quantity, units))} error={errors[path]}>
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode={field.integer ? 'numeric' : 'decimal'}
              className="field__input watch-form__number"
              maxLength={8}
              value={value}
              onChange={(event) => setField(field.key, event.target.value)}
            />
          )}
        </Field>
      );
    case 'choice':
      return (
        <Field label={field.label()} error={errors[path]}>
          {(props) => (
            <select
              {...props}
              className="field__input"
              value={value}
              onChange={(event) => setField(field.key, event.target.value)}
            >
              {field.options.map((option) => (
                <option key={option} value={option}>
                  {field.optionLabel(option)}
                </option>
              ))}
            </select>
          )}
        </Field>
      );
    case 'time':
      return (
        <Field label={field.label()} error={errors[path]} hint={t('watches.form.placeClock')}>
          {(props) => (
            <input
              {...props}
              type="time"
              className="field__input"
              value={value}
              onChange={(event) => setField(field.key, event.target.value)}
            />
          )}
        </Field>
      );
    case 'window': {
      const mode = draft.fields[`${field.key}.mode`] ?? 'hours';
      return (
        <fieldset className="watch-form__window">
          <legend className="field__label">{t('watches.form.window')}</legend>
          <label className="watch-form__check">
            <input
              type="radio"
              name={`${field.key}-mode`}
              checked={mode === 'hours'}
              onChange={() => setField(`${field.key}.mode`, 'hours')}
            />
            {t('watches.form.window.hours')}
          </label>
          {mode === 'hours' && (
            <Field label={t('watches.form.hours')} error={errors[`${path}.hours`] ?? errors[path]}>
              {(props) => (
                <input
                  {...props}
                  type="text"
                  inputMode="numeric"
                  className="field__input watch-form__number"
                  maxLength={3}
                  value={draft.fields[`${field.key}.hours`] ?? ''}
                  onChange={(event) => setField(`${field.key}.hours`, event.target.value)}
                />
              )}
            </Field>
          )}
          <label className="watch-form__check">
            <input
              type="radio"
              name={`${field.key}-mode`}
              checked={mode === 'tonight'}
              onChange={() => setField(`${field.key}.mode`, 'tonight')}
            />
            {t('watches.form.window.tonight')}
          </label>
        </fieldset>
      );
    }
    case 'lines':
      return (
        <Field label={field.label()} error={errors[path]} hint={field.hint()}>
          {(props) => (
            <textarea
              {...props}
              className="field__input"
              rows={3}
              maxLength={MAX_MUTED_EVENTS * 101}
              value={value}
              onChange={(event) => setField(field.key, event.target.value)}
            />
          )}
        </Field>
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

function ConditionsEditor({
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
  const change = (index: number, changes: Partial<Draft['conditions'][number]>) =>
    setConditions(conditions.map((one, at) => (at === index ? { ...one, ...changes } : one)));
  return (
    <>
      {errors['rule.conditions'] && <p className="field__error">{errors['rule.conditions']}</p>}
      <ol className="watch-form__conditions">
        {conditions.map((condition, index) => {
          const label = t('watches.form.condition', { number: index + 1 });
          return (
            // The list only grows or shrinks at its end, so positions are stable keys.
            <li key={index}>
              <fieldset className="watch-form__condition">
                <legend className="field__label">{label}</legend>
                <Field label={t('watches.form.metric')}>
                  {(props) => (
                    <select
                      {...props}
                      className="field__input"
                      value={condition.metric}
                      onChange={(event) =>
                        change(index, {
                          metric: event.target.value as (typeof CONDITION_METRICS)[number],
                        })
                      }
                    >
                      {CONDITION_METRICS.map((metric) => (
                        <option key={metric} value={metric}>
                          {metricLabel(metric)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={DIRECTION_FIELD.label()}>
                  {(props) => (
                    <select
                      {...props}
                      className="field__input"
                      value={condition.direction}
                      onChange={(event) =>
                        change(index, { direction: event.target.value as 'below' | 'above' })
                      }
                    >
                      {DIRECTION_FIELD.options.map((option) => (
                        <option key={option} value={option}>
                          {DIRECTION_FIELD.optionLabel(option)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  label={withUnit(
                    t('watches.form.value'),
                    condition.metric === 'precipitationProbability'
                      ? '%'
                      : unitOf(METRIC_QUANTITY[condition.metric], units),
                  )}
                  error={errors[`rule.conditions.${index}.value`]}
                >
                  {(props) => (
                    <input
                      {...props}
                      type="text"
                      inputMode="decimal"
                      className="field__input watch-form__number"
                      maxLength={8}
                      value={condition.value}
                      onChange={(event) => change(index, { value: event.target.value })}
                    />
                  )}
                </Field>
                {conditions.length > 1 && (
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={t('watches.form.removeCondition', { number: index + 1 })}
                    onClick={() => setConditions(conditions.filter((_, at) => at !== index))}
                  >
                    {t('watches.remove')}
                  </button>
                )}
              </fieldset>
            </li>
          );
        })}
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
