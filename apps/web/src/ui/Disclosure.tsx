import type { ReactNode } from 'react';

import './Disclosure.css';

/** What a chart or a card shows, opened on demand (`<details>`), e.g. as a {@link DataTable}. */
export function Disclosure({
  summary,
  children,
  className,
}: {
  summary: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <details className={className ? `disclosure ${className}` : 'disclosure'}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
