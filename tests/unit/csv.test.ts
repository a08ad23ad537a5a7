import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "@/lib/csv";

/** A small RFC 4180 reader, to prove what was written reads back as the same fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") record.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") record.push(field), records.push(record), (record = []), (field = ""), i++;
    else field += c;
  }
  if (field || record.length) record.push(field), records.push(record);
  return records;
}

describe("CSV", () => {
  it("quotes fields with commas, quotes, CR or LF and doubles the quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(null)).toBe("");
    expect(csvField(429)).toBe("429");
  });

  it("neutralizes formulas: a leading =, +, -, @, tab or CR gets an apostrophe", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(csvField(`${start}cmd|' /C calc'!A0`).startsWith(`'${start}`) || csvField(`${start}x`).startsWith(`"'${start}`)).toBe(true);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField("/api/gateway/a=b")).toBe("/api/gateway/a=b");
  });

  it("ends records with CRLF and reads back as the same fields", () => {
    const fields = ["/api/gateway/a,b", 'q"uote', "new\nline", "=1+2", "-1", "@me", "ok"];
    const text = csvRecord(fields) + csvRecord(["x", 1, null]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual([
      ["/api/gateway/a,b", 'q"uote', "new\nline", "'=1+2", "'-1", "'@me", "ok"],
      ["x", "1", ""],
    ]);
  });
});
