/** A wide table that scrolls sideways on narrow screens, inside a named region keyboard users can scroll. */
export function ScrollTable({ label, minWidth, children }: { label: string; minWidth: string; children: React.ReactNode }) {
  return (
    <>
      <p className="mb-2 text-xs text-zinc-500 md:hidden">Scroll the table sideways to see every column.</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable) */}
      <section aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className={`w-full text-[15px] ${minWidth}`}>{children}</table>
      </section>
    </>
  );
}

/** The header row of a console table: one column heading per name. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="border-b border-zinc-200 bg-zinc-50">
      <tr>
        {columns.map((name) => (
          <th key={name} scope="col" className="px-4 py-3 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500">
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
