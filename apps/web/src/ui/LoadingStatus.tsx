import type { ReactNode } from 'react';

/**
 * What is loading, said to screen readers only, with the placeholder the eye
 * sees (a skeleton, hidden from screen readers by its own `aria-hidden`).
 */
export function LoadingStatus({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <>
      <p className="visually-hidden" role="status">
        {label}
      </p>
      {children}
    </>
  );
}
