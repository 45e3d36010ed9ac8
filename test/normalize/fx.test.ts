// FX conversion: exact cross rates on known ECB numbers, provenance, and fixing choice (never a later date).
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { convert, FxFixing, pickFxFixing } from "../../src/normalize/fx.ts";
import { dec } from "../../src/normalize/money.ts";
import { describeShared, sharedPath } from "../helpers/shared.ts";

// ECB euro reference rates (units per 1 EUR) as published for these dates.
const ecb = (date: string, usd: string, cny: string): FxFixing => FxFixing.parse({ source: "ECB", date, base: "EUR", rates: { USD: usd, CNY: cny } });
const apr13 = ecb("2026-04-13", "1.1684", "7.9827");
const apr10 = ecb("2026-04-10", "1.1711", "7.9967");
const apr09 = ecb("2026-04-09", "1.1685", "7.9863");

describe("convert", () => {
  it("derives USD/CNY as CNY per EUR / USD per EUR, to 40 significant digits", () => {
    const { value, fx } = convert("1", "USD", "CNY", apr13);
    expect(value).toBe("6.832163642588154741526874358096542280041");
    expect(fx).toEqual({ source: "ECB", date: "2026-04-13", rate: "6.832163642588154741526874358096542280041", base: "USD", quote: "CNY" });
  });

  it("multiplies before dividing, so amounts that are whole in EUR stay exact", () => {
    expect(convert("1.1684", "USD", "CNY", apr13).value).toBe("7.9827");
    expect(convert("100", "EUR", "CNY", apr13).value).toBe("798.27");
    expect(convert("798.27", "CNY", "EUR", apr13).value).toBe("100");
    expect(convert("2.50", "USD", "USD", apr13)).toEqual({
      value: "2.5",
      fx: { source: "ECB", date: "2026-04-13", rate: "1", base: "USD", quote: "USD" },
    });
  });

  it("round-trips USD -> CNY -> USD within the last of 40 digits", () => {
    const there = convert("0.27", "USD", "CNY", apr13).value;
    const back = dec(convert(there, "CNY", "USD", apr13).value);
    expect(back.minus("0.27").abs().lt("1e-38")).toBe(true);
  });

  it("refuses a currency the fixing lacks, and a non-decimal amount", () => {
    expect(() => convert("1", "USD", "JPY", apr13)).toThrow(/no JPY rate/);
    expect(() => convert("1e", "USD", "CNY", apr13)).toThrow(/not a decimal/);
  });
});

describe("pickFxFixing", () => {
  const fixings = [apr13, apr09, apr10];
  it("takes the latest fixing on or before the date", () => {
    expect(pickFxFixing(fixings, "2026-04-13")?.date).toBe("2026-04-13");
    expect(pickFxFixing(fixings, "2026-04-12")?.date).toBe("2026-04-10");
    expect(pickFxFixing(fixings, "2026-04-30")?.date).toBe("2026-04-13");
  });
  it("never uses a fixing dated after the date", () => {
    expect(pickFxFixing(fixings, "2026-04-08")).toBeNull();
    expect(pickFxFixing([], "2026-04-13")).toBeNull();
  });
  it("rejects a malformed date", () => {
    expect(() => pickFxFixing(fixings, "13/04/2026")).toThrow(/YYYY-MM-DD/);
  });
});

describeShared("ECB history (fx/ecb_eurofxref-hist_to_2026-04-13.csv)", () => {
  const rows = parse(readFileSync(sharedPath("fx", "ecb_eurofxref-hist_to_2026-04-13.csv")), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const fixings = rows.map((row) => {
    const rates: Record<string, string> = {};
    for (const [key, value] of Object.entries(row)) if (/^[A-Z]{3}$/.test(key) && /^\d+(\.\d+)?$/.test(value)) rates[key] = value;
    return FxFixing.parse({ source: "ECB", date: row["Date"], base: "EUR", rates });
  });

  it("reads 2026-04-13 as USD 1.1684 and CNY 7.9827", () => {
    const fixing = pickFxFixing(fixings, "2026-04-13");
    expect(fixing?.rates).toMatchObject({ USD: "1.1684", CNY: "7.9827" });
    expect(convert("1.1684", "USD", "CNY", fixing!).value).toBe("7.9827");
  });

  it("falls back to Friday's fixing on a weekend", () => {
    expect(pickFxFixing(fixings, "2026-04-12")?.date).toBe("2026-04-10");
  });
});
