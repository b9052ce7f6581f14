import type { ReactNode } from 'react';

import './Fact.css';

/** One term and its value in a `<dl>`: the term small and muted, the value bold. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
