// A table's head row: a header cell per column, with a tooltip where the column has one.

/** A column's header: its text, or its text and a tooltip explaining it. */
export type ColumnHeader = string | { header: string; title?: string };

export function TableHead({ columns }: { columns: readonly ColumnHeader[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => {
          const { header, title } = typeof column === 'string' ? { header: column, title: undefined } : column;
          return (
            <th key={header} title={title}>
              {header}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
