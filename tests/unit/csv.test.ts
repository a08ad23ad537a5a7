import { describe, expect, it } from "vitest";
import { csvField, csvRecord } from "@/lib/csv";
import { parseCsv } from "@/tests/helpers/csv";

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
