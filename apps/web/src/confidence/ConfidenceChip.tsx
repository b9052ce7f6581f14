import { labelText, type ConfidenceLabel } from './confidence-words.ts';

/** "Sure", "Likely" or "Uncertain", its colour doubled by a shape so colour is never the only sign. */
export function ConfidenceChip({ label }: { label: ConfidenceLabel }) {
  return (
    <span className={`confidence-chip confidence-chip--${label}`}>
      <span className="confidence-chip__mark" aria-hidden="true" />
      {labelText(label)}
    </span>
  );
}
