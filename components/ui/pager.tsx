import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Newer / older links for keyset pages; `href` builds a page's URL from its cursor. */
type Props = { previous: string | null; next: string | null; href: (cursor: { after?: string; before?: string }) => string; label: string; first?: string };

/** `first`: a link back to the newest page, for lists that only page forwards. */
export function Pager({ previous, next, href, label, first }: Props) {
  if (!previous && !next && !first) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between">
      {previous || first ? (
        <Link className={buttonClass("secondary", "sm")} href={previous ? href({ before: previous }) : (first ?? "")}>
          {previous ? "← Previous" : "← Newest"}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link className={buttonClass("secondary", "sm")} href={href({ after: next })}>
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
