"use client";

import { Activity, CreditCard, FileCode2, KeyRound, LayoutDashboard, type LucideIcon, Network, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { CONSOLE_ROUTES, type ConsoleHref } from "@/lib/routes";

const ICONS: Record<ConsoleHref, LucideIcon> = {
  "/dashboard": LayoutDashboard,
  "/smart-contracts": FileCode2,
  "/gateway": Network,
  "/transactions": Activity,
  "/subscription": CreditCard,
  "/keys": KeyRound,
  "/settings": Settings,
};

export function Nav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {CONSOLE_ROUTES.map(({ href, label }) => {
        const Icon = ICONS[href];
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
