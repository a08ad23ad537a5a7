// The console's sections, in the seed product's sidebar order: the one list the nav, the
// proxy's sign-in check and anything else that needs "is this a console page?" read.
export const CONSOLE_ROUTES = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/smart-contracts", label: "Smart Contract" },
  { href: "/gateway", label: "API Gateway" },
  { href: "/transactions", label: "Transaction Monitoring" },
  { href: "/subscription", label: "Subscription" },
  { href: "/keys", label: "API Key Generation" },
  { href: "/settings", label: "Settings" },
] as const;

export type ConsoleHref = (typeof CONSOLE_ROUTES)[number]["href"];

export function isConsolePath(pathname: string): boolean {
  return CONSOLE_ROUTES.some(({ href }) => pathname === href || pathname.startsWith(`${href}/`));
}
