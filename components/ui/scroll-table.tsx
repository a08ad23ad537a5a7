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
