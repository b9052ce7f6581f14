import { MAX_MUTED_EVENTS } from '@skycast/validators';

import { WatchField } from './WatchField.tsx';

/** A list of short texts, one a line (the warnings a watch keeps quiet about). */
export function LinesFieldEditor({
  label,
  hint,
  error,
  value,
  onChange,
}: {
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <WatchField label={label} error={error} hint={hint}>
      {(props) => (
        <textarea
          {...props}
          className="field__input"
          rows={3}
          // Each line up to 100 characters, plus its line break.
          maxLength={MAX_MUTED_EVENTS * 101}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </WatchField>
  );
}
