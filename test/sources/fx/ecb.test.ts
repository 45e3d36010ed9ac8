import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FxQuote } from "../../../src/schemas/quote.ts";
import { ecb, parseEcb } from "../../../src/sources/fx/ecb.ts";
import { parsePboc, pboc } from "../../../src/sources/fx/pboc.ts";
import { SourceParseError } from "../../../src/sources/types.ts";
import { describeShared, fixturePath, sharedPath } from "../../helpers/shared.ts";

const capture = (bytes: Uint8Array | string, url = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml") => ({
  sourceId: "ecb",
  url,
  fetchedAt: "2026-11-20T15:30:00.000Z",
  contentType: null,
  bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
});
const fx = (quotes: unknown[]) => quotes as FxQuote[];

describe("ecb", () => {
  it("parses the daily XML with exact rates", () => {
    const r = parseEcb(capture(readFileSync(fixturePath("sources/fx/eurofxref-daily.xml"))));
    expect(fx(r.quotes)).toEqual([
      { kind: "fx", provider: "ecb", base: "EUR", quote: "USD", rate: "1.153", date: "2026-11-20", locator: "2026-11-20 USD" },
      { kind: "fx", provider: "ecb", base: "EUR", quote: "JPY", rate: "180.15", date: "2026-11-20", locator: "2026-11-20 JPY" },
      { kind: "fx", provider: "ecb", base: "EUR", quote: "CNY", rate: "8.2041", date: "2026-11-20", locator: "2026-11-20 CNY" },
    ]);
    expect(r.skipped).toEqual([{ locator: "2026-11-20 XXX", reason: 'unusable rate "-1"' }]);
  });
  it("parses the historical CSV (CRLF, N/A, trailing empty column) by content", () => {
    const r = parseEcb(capture(readFileSync(fixturePath("sources/fx/eurofxref-hist_crlf.csv"))));
    expect(fx(r.quotes).map((q) => `${q.date} ${q.quote} ${q.rate}`)).toEqual([
      "2026-11-20 USD 1.153", "2026-11-20 JPY 180.15", "2026-11-20 CNY 8.2041",
      "2026-11-19 USD 1.1545", "2026-11-19 JPY 179.9",
    ]);
    expect(r.skipped).toEqual([
      { locator: "row 1 CYP", reason: "N/A: no reference rate for this currency that day" },
      { locator: "row 2 CYP", reason: "N/A: no reference rate for this currency that day" },
      { locator: "row 2 CNY", reason: "empty cell" },
      { locator: "row 3", reason: 'no date in first column ("not-a-date")' },
    ]);
  });
  it("reads every day of the 90-day XML", () => {
    const xml = `<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"><Cube>
      <Cube time="2026-11-20"><Cube currency="USD" rate="1.1530"/></Cube>
      <Cube time="2026-11-19"><Cube currency="USD" rate="1.1545"/><Cube currency="CNY" rate="8.21"/></Cube>
    </Cube></gesmes:Envelope>`;
    expect(fx(parseEcb(capture(xml)).quotes).map((q) => `${q.date} ${q.quote} ${q.rate}`)).toEqual([
      "2026-11-20 USD 1.153", "2026-11-19 USD 1.1545", "2026-11-19 CNY 8.21",
    ]);
  });
  it("throws on HTML, other text and broken XML", () => {
    expect(() => parseEcb(capture("<html><body>Maintenance</body></html>"))).toThrow(/HTML/);
    expect(() => parseEcb(capture('{"rates": {}}'))).toThrow(SourceParseError);
    expect(() => parseEcb(capture("<gesmes:Envelope><Cube><Cube time='2026-11-20'>"))).toThrow(SourceParseError);
    expect(() => parseEcb(capture("<Envelope><Cube></Cube></Envelope>"))).toThrow(/no Cube/);
  });
  it("is scheduled on weekdays after the 16:00 CET publication, in UTC", () => {
    expect(ecb.schedule).toBe("30 15 * * 1-5");
    expect(ecb.requests(null)).toEqual([{ url: "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml" }]);
  });
});

describe("pboc", () => {
  it("is disabled without a configured feed and fetches the feed when set", () => {
    expect(pboc.requiresKey?.env).toBe("CPI_PBOC_URL");
    expect(pboc.requests(null)).toEqual([]);
    expect(pboc.requests("https://feed.example/parity.json")).toEqual([{ url: "https://feed.example/parity.json" }]);
  });
  it("parses the documented {date, rate} shape, single or array", () => {
    const r = parsePboc(capture(readFileSync(fixturePath("sources/fx/pboc_parity.json"))));
    expect(fx(r.quotes).map((q) => [q.base, q.quote, q.rate, q.date, q.locator])).toEqual([
      ["USD", "CNY", "7.1062", "2026-11-20", "[0]"],
      ["USD", "CNY", "7.1081", "2026-11-19", "[1]"],
    ]);
    expect(r.skipped).toEqual([{ locator: "[2]", reason: "unusable rate null" }]);
    const one = parsePboc(capture('{"date":"2026-11-20","rate":"7.1062"}'));
    expect(one.quotes).toHaveLength(1);
    expect(parsePboc(capture('{"date":"20 Nov","rate":"7.1"}')).skipped[0]?.reason).toMatch(/invalid quote/);
    expect(() => parsePboc(capture('{"date":"2026-11-20",'))).toThrow(SourceParseError);
    expect(() => parsePboc(capture("[1, 2]"))).toThrow(SourceParseError);
  });
});

describeShared("ecb reference rates", () => {
  it("daily sample XML: 31 rates", () => {
    const r = parseEcb(capture(readFileSync(sharedPath("fx", "ecb_eurofxref-daily_sample.xml"))));
    expect(r.quotes).toHaveLength(31);
    expect(r.skipped).toEqual([]);
    expect(fx(r.quotes).find((q) => q.quote === "CNY")).toMatchObject({ rate: "6.8095", date: "2022-07-08" });
  });
  it("historical CSV: every cell is a rate or a reasoned skip", () => {
    const path = sharedPath("fx", "ecb_eurofxref-hist_to_2026-04-13.csv");
    const lines = readFileSync(path, "utf8").split("\n").filter((l) => l !== "");
    const currencies = lines[0]!.split(",").filter((c) => c !== "" && c !== "Date").length;
    const r = parseEcb(capture(readFileSync(path)));
    expect(r.quotes.length + r.skipped.length).toBe((lines.length - 1) * currencies);
    expect(r.quotes.length).toBe(217555);
    expect(new Set(r.skipped.map((s) => s.reason))).toEqual(new Set(["N/A: no reference rate for this currency that day"]));
    const find = (date: string, cur: string) => fx(r.quotes).find((q) => q.date === date && q.quote === cur)?.rate;
    expect(find("2026-04-13", "USD")).toBe("1.1684");
    expect(find("2026-04-13", "CNY")).toBe("7.9827");
    expect(find("1999-01-04", "CYP")).toBe("0.58231");
  });
});
