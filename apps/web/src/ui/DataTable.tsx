import type { ReactNode } from 'react';

import './DataTable.css';

type RegionName = { label: string; labelledBy?: never } | { labelledBy: string; label?: never };

type DataTableProps = RegionName & {
  /** The column headings, left to right. */
  columns: readonly string[];
  /** The rows (`<tr>`s, each led by a `<th scope="row">`). */
  children: ReactNode;
  /** Extra classes for the scrolling region, e.g. `card` or a size of its own. */
  className?: string;
};

/**
 * A table of values in a named region that scrolls on its own and that a
 * keyboard can reach (`tabIndex`), its header row kept in sight.
 *
 * @example
 * <DataTable label="Sun and moon by day" columns={['Day', 'Sunrise']}>{rows}</DataTable>
 */
export function DataTable({ label, labelledBy, columns, children, className }: DataTableProps) {
  return (
    <div
      className={className ? `data-table ${className}` : 'data-table'}
      tabIndex={0}
      role="region"
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      <table className="data-table__table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
