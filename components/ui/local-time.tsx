"use client";

import { useEffect, useState } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function relativeTime(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), "minute");
}

const exact = (date: Date, timeZone?: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone }).format(date);
const day = (date: Date, timeZone?: string) => new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone }).format(date);

/**
 * A time in the reader's own time zone, with the exact time on hover. The server renders
 * UTC; after hydration the browser's zone and a live relative time take over.
 */
export function LocalTime({ iso, mode }: { iso: string; mode: "relative" | "date" | "exact" }) {
  const date = new Date(iso);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (mode !== "relative") return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [mode]);
  const zone = now === null ? "UTC" : undefined;
  const text = mode === "date" ? day(date, zone) : mode === "exact" || now === null ? `${exact(date, zone)}${zone ? " UTC" : ""}` : relativeTime(date, now);
  return (
    <time dateTime={iso} title={now === null ? `${exact(date, "UTC")} UTC` : exact(date)}>
      {text}
    </time>
  );
}
