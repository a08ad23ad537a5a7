// CSV as RFC 4180 writes it (fields with a comma, quote, CR or LF quoted, quotes doubled,
// CRLF between records), with spreadsheet formula injection neutralized: a field that
// starts with =, +, -, @, a tab or a carriage return gets a leading apostrophe (OWASP's
// advice), so a spreadsheet shows it as text instead of running it.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
