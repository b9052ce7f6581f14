import type { AlertSeverity } from './alert-display.ts';

/**
 * A shape per severity, so that it reads without colour too: an octagon for
 * extreme, a triangle for severe, a diamond for moderate, a circle for minor
 * and a plain "i" circle when the issuer gave none. Decorative: the severity
 * is also written out beside it.
 */
export function SeverityIcon({ severity }: { severity: AlertSeverity }) {
  const mark =
    severity === 'minor' || severity === 'unknown' ? (
      <>
        <circle cx="12" cy="7.5" r="1.3" fill="currentColor" />
        <path d="M12 10.5v7" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      </>
    ) : (
      <>
        <path d="M12 7v6.5" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        <circle cx="12" cy="17" r="1.3" fill="currentColor" />
      </>
    );
  const outline = {
    extreme: <path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z" />,
    severe: <path d="M12 2.5 22.5 21h-21z" />,
    moderate: <path d="M12 1.5 22.5 12 12 22.5 1.5 12z" />,
    minor: <circle cx="12" cy="12" r="10" />,
    unknown: <circle cx="12" cy="12" r="10" />,
  }[severity];
  return (
    <svg className="alert__icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
      <g className="alert__icon-shape">{outline}</g>
      <g className="alert__icon-mark">{mark}</g>
    </svg>
  );
}
