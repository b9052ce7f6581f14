import { useId, type InputHTMLAttributes } from 'react';

import './TextField.css';

interface TextFieldProps {
  label: string;
  type: 'email' | 'password' | 'text';
  autoComplete: InputHTMLAttributes<HTMLInputElement>['autoComplete'];
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and read with it; marks the field invalid. */
  error?: string | undefined;
  /** Guidance read with the field. */
  hint?: string | undefined;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function TextField({
  label,
  type,
  autoComplete,
  value,
  onChange,
  error,
  hint,
}: TextFieldProps) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        className="field__input"
        type={type}
        autoComplete={autoComplete}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        maxLength={type === 'password' ? 256 : 254}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
