/** A small table's header row in the house style (uppercase labels): one `<th scope="col">` per column, with its own classes. */
export function TableHeader({ columns }: { columns: { label: string; className: string }[] }) {
  return (
    <thead className="text-tremor-label uppercase text-tremor-content-subtle">
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" className={`${c.className} font-medium`}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
