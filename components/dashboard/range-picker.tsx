import Link from "next/link";
import { RANGE_IDS, RANGES, type RangeId } from "@/lib/dashboard/ranges";

/** Links, not a form: each range is a URL that works without JavaScript and can be shared. */
export function RangePicker({ current, path }: { current: RangeId; path: string }) {
  return (
    <nav aria-label="Time range">
      <ul className="inline-flex overflow-hidden rounded-md border border-zinc-300 bg-white text-sm font-semibold">
        {RANGE_IDS.map((id) => (
          <li key={id} className="border-zinc-300 [&:not(:first-child)]:border-l">
            <Link
              href={`${path}?range=${id}`}
              aria-current={id === current ? "page" : undefined}
              aria-label={RANGES[id].label}
              className={`block px-3 py-1.5 ${id === current ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-100"}`}
            >
              {RANGES[id].short}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
