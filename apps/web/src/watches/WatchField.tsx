import { useId, type ReactNode } from 'react';

import '../ui/TextField.css';

/** What a `WatchField` hands its control: the id the label points at, and the description. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled control of the watch form with its error tied to it; `control` gets the id and description. */
export function WatchField({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (props: ControlProps) => ReactNode;
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

/** A time of day (HH:MM) in a `WatchField`. */
export function TimeField({
  label,
  error,
  hint,
  value,
  onChange,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <WatchField label={label} error={error} hint={hint}>
      {(props) => (
        <input
          {...props}
          type="time"
          className="field__input"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </WatchField>
  );
}

/** A number typed as text, checked with the API's schema when the form is sent. */
export function NumberField({
  label,
  error,
  integer,
  maxLength,
  value,
  onChange,
}: {
  label: string;
  error?: string | undefined;
  integer?: boolean | undefined;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <WatchField label={label} error={error}>
      {(props) => (
        <input
          {...props}
          type="text"
          inputMode={integer ? 'numeric' : 'decimal'}
          className="field__input watch-form__number"
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </WatchField>
  );
}

/** A choice among fixed options, each with its label. */
export function ChoiceField<Option extends string>({
  label,
  error,
  options,
  optionLabel,
  value,
  onChange,
}: {
  label: string;
  error?: string | undefined;
  options: readonly Option[];
  optionLabel: (option: Option) => string;
  value: string;
  onChange: (value: Option) => void;
}) {
  return (
    <WatchField label={label} error={error}>
      {(props) => (
        <select
          {...props}
          className="field__input"
          value={value}
          onChange={(event) => onChange(event.target.value as Option)}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      )}
    </WatchField>
  );
}
