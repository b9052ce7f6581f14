import { useId } from 'react';

import { intlLocale, t } from '../i18n/i18n.ts';
import type { Draft } from './watch-draft.ts';
import { TimeField } from './WatchField.tsx';

type Schedule = Pick<Draft, 'days' | 'from' | 'until' | 'quiet' | 'quietFrom' | 'quietUntil'>;

/** Monday … Sunday (1 … 7) in the page's language. */
function weekdayName(day: number, width: 'short' | 'long'): string {
  return new Intl.DateTimeFormat(intlLocale(), { weekday: width, timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, day), // 1 January 2024 was a Monday.
  );
}

/** When a watch may notify: which weekdays, between which hours, and its quiet hours. */
export function ScheduleEditor({
  schedule,
  errors,
  set,
}: {
  schedule: Schedule;
  errors: Record<string, string>;
  set: (changes: Partial<Schedule>) => void;
}) {
  return (
    <fieldset className="watch-form__group">
      <legend>{t('watches.form.when')}</legend>
      {errors.schedule && <p className="field__error">{errors.schedule}</p>}
      <WeekdaysEditor days={schedule.days} error={errors['schedule.days']} set={set} />
      <div className="watch-form__row">
        <TimeField
          label={t('watches.form.from')}
          error={errors['schedule.from']}
          value={schedule.from}
          onChange={(from) => set({ from })}
        />
        <TimeField
          label={t('watches.form.until')}
          error={errors['schedule.until']}
          value={schedule.until}
          onChange={(until) => set({ until })}
        />
      </div>
      <p className="field__hint">{t('watches.form.hoursHint')}</p>
      <label className="watch-form__check">
        <input
          type="checkbox"
          checked={schedule.quiet}
          onChange={(event) => set({ quiet: event.target.checked })}
        />
        {t('watches.form.quiet')}
      </label>
      {schedule.quiet && (
        <div className="watch-form__row">
          <TimeField
            label={t('watches.form.quietFrom')}
            error={errors['schedule.quiet.from']}
            value={schedule.quietFrom}
            onChange={(quietFrom) => set({ quietFrom })}
          />
          <TimeField
            label={t('watches.form.quietUntil')}
            error={errors['schedule.quiet.until']}
            value={schedule.quietUntil}
            onChange={(quietUntil) => set({ quietUntil })}
          />
        </div>
      )}
    </fieldset>
  );
}

/** A checkbox per weekday, named in full for a screen reader and short on screen. */
function WeekdaysEditor({
  days,
  error,
  set,
}: {
  days: number[];
  error: string | undefined;
  set: (changes: { days: number[] }) => void;
}) {
  const errorId = useId();
  return (
    <fieldset className="watch-form__days" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{t('watches.form.days')}</legend>
      {[1, 2, 3, 4, 5, 6, 7].map((day) => (
        <label key={day} className="watch-form__day">
          <input
            type="checkbox"
            checked={days.includes(day)}
            aria-label={weekdayName(day, 'long')}
            onChange={(event) =>
              set({
                days: event.target.checked
                  ? [...days, day].sort()
                  : days.filter((one) => one !== day),
              })
            }
          />
          <span aria-hidden="true">{weekdayName(day, 'short')}</span>
        </label>
      ))}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
