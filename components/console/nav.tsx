"use client";

import { Activity, CreditCard, FileCode2, KeyRound, LayoutDashboard, Network, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

// The seed product's sidebar, in its order.
const ITEMS = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/smart-contracts", label: "Smart Contract", icon: FileCode2 },
  { href: "/gateway", label: "API Gateway", icon: Network },
  { href: "/transactions", label: "Transaction Monitoring", icon: Activity },
  { href: "/subscription", label: "Subscription", icon: CreditCard },
  { href: "/keys", label: "API Key Generation", icon: KeyRound },
  { href: "/settings", label: "Settings", icon: Settings },
];

export function Nav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {ITEMS.map(({ href, label, icon: Icon }) => {
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={current ? "page" : undefined}
              className={`flex items-center gap-3 rounded-md px-3 py-2 text-[15px] ${
                current ? "bg-zinc-950 font-semibold text-white" : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-950"
              }`}
            >
              <Icon size={18} aria-hidden />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
