// CSV bytes are part of what we publish: golden tests of header, column order, quoting, CRLF and file names.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Store } from "../../src/db/index.ts";
import { createApp } from "../../src/api/app.ts";
import { csvField, csvLine, renderCsv } from "../../src/api/csv.ts";
import { fixingDraft, gpuObservation } from "../helpers/observations.ts";
import { testDeps } from "./fixture.ts";
import { scratchStore } from "../helpers/stores.ts";

let store: Store;
beforeEach(() => {
  store = scratchStore();
});
afterEach(async () => store.close());

describe("RFC 4180 fields", () => {
  it("quotes only fields with comma, quote, CR or LF, doubling quotes", () => {
    expect([csvField("plain"), csvField("a,b"), csvField('say "hi"'), csvField("two\nlines"), csvField(null), csvField(2.5), csvField(false)]).toEqual([
      "plain",
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      "",
      "2.5",
      "false",
    ]);
    expect(csvLine(["a", null, "b"])).toBe("a,,b\r\n");
    expect(renderCsv([{ name: "x", value: (r: { x: string }) => r.x }], [])).toBe("x\r\n");
  });
});

describe("published CSV bytes", () => {
  it("fixings: stable header, exact decimals as published, ISO UTC times, CRLF, a named attachment", async () => {
    await store.appendFixing(fixingDraft({ value: "2.9900", note: 'carried, "prior"\nvalue', distribution: null }), { publishedAt: "2026-05-01T16:00:05.000Z", sign: () => "test:sig" });
    await store.appendFixing(fixingDraft({ fixingDate: "2026-05-02", fixingTime: "2026-05-02T16:00:00.000Z", value: "3.0100", distribution: { p1: "2.1", p25: "2.5000", p50: "3.0100", p75: "3.2", p99: "4", min: "2", max: "4.5" } }), {
      publishedAt: "2026-05-02T16:00:05.000Z",
      sign: () => "test:sig",
    });
    const app = createApp(testDeps(store), { nonce: "t" });
    const res = await app.request("/v1/indices/GPU-H100SXM-OD/fixings?format=csv");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="GPU-H100SXM-OD_fixings_2026-05-01_2026-05-02.csv"');
    const [f1, f2] = await store.fixingHistory("GPU-H100SXM-OD", {});
    const header =
      "index_code,fixing_date,fixing_time,status,revision,value,unit,currency,methodology_version,estimator,input_tier,observation_count,provider_count,volume," +
      "p1,p25,p50,p75,p99,min,max,exclusion_count,inputs_digest,note,published_at,hash,calculation\r\n";
    const digest = "0".repeat(64);
    expect(await res.text()).toBe(
      header +
        `GPU-H100SXM-OD,2026-05-01,2026-05-01T16:00:00.000Z,final,1,2.9900,USD/GPU-hour,USD,1.0.0,median,list_price,1,1,,,,,,,,,0,${digest},"carried, ""prior""\nvalue",2026-05-01T16:00:05.000Z,${f1!.hash},live\r\n` +
        `GPU-H100SXM-OD,2026-05-02,2026-05-02T16:00:00.000Z,final,1,3.0100,USD/GPU-hour,USD,1.0.0,median,list_price,1,1,,2.1,2.5000,3.0100,3.2,4,2,4.5,0,${digest},,2026-05-02T16:00:05.000Z,${f2!.hash},live\r\n`,
    );
    const accept = await app.request("/v1/indices/GPU-H100SXM-OD/fixings?from=2026-05-02", { headers: { accept: "text/csv" } });
    expect((await accept.text()).split("\r\n")).toHaveLength(3);
  });

  it("observations: quoting of names, JSON attrs, nulls as empty fields", async () => {
    await store.insertObservations([gpuObservation({ rawName: 'H100 "SXM5", 8x', price: "2.4900", attrs: { gpuCount: "8" }, region: null, volume: "12.5" })]);
    const res = await createApp(testDeps(store), { nonce: "t" }).request("/v1/observations?format=csv&class=h100-sxm-80gb&from=2026-05-01&to=2026-05-31");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="cpi_observations_h100-sxm-80gb_2026-05-01_2026-05-31.csv"');
    expect(await res.text()).toBe(
      "id,observed_at,source,provider,provider_tier,kind,product,raw_name,metric,quantization,term,region,unit,currency,price,tier,volume,capture_id,attrs\r\n" +
        '1,2026-05-01T12:00:00.000Z,test,lambda,neocloud,gpu,h100-sxm-80gb,"H100 ""SXM5"", 8x",gpu_hour,,on_demand,,USD/GPU-hour,USD,2.4900,list_price,12.5,,"{""gpuCount"":""8""}"\r\n',
    );
  });

  it("every list endpoint serves CSV with a header row and a meaningful file name", async () => {
    const app = createApp(testDeps(store), { nonce: "t" });
    const lists: [string, RegExp][] = [
      ["/v1/indices", /^cpi_indices_2026-08-01\.csv$/],
      ["/v1/indices/GPU-H100SXM-OD/fixings", /^GPU-H100SXM-OD_fixings_start_end\.csv$/],
      ["/v1/indices/GPU-H100SXM-OD/settlement?month=2026-05", /^GPU-H100SXM-OD_settlement_2026-05\.csv$/],
      ["/v1/contracts/GPU-H100SXM-OD/settlements", /^GPU-H100SXM-OD_final_settlements\.csv$/],
      ["/v1/restatements?index=GPU-H100PCIE-OD&from=2026-07-01&to=2026-07-31", /^cpi_restatements_GPU-H100PCIE-OD_2026-07-01_2026-07-31\.csv$/],
      ["/v1/observations", /^cpi_observations_all_start_end\.csv$/],
      ["/v1/unmapped", /^cpi_unmapped\.csv$/],
      ["/v1/classes", /^cpi_hardware_classes_v[\d.]+\.csv$/],
      ["/v1/models", /^cpi_models_v[\d.]+\.csv$/],
      ["/v1/sources", /^cpi_sources\.csv$/],
      ["/v1/keys", /^cpi_keys\.csv$/],
    ];
    for (const [path, name] of lists) {
      const res = await app.request(`${path}${path.includes("?") ? "&" : "?"}format=csv`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-disposition")!.match(/filename="(.+)"/)![1], path).toMatch(name);
      const text = await res.text();
      expect(text.endsWith("\r\n"), path).toBe(true);
      expect(text.split("\r\n")[0], path).toMatch(/^[a-z0-9_]+(,[a-z0-9_]+)+$/);
    }
  });
});

describe("fixings CSV calculation column", () => {
  it("marks back-calculated fallback days as back-calculated, live ones as live", async () => {
    const { fixingColumns } = await import("../../src/api/fixing-view.ts");
    const col = fixingColumns.find((c) => c.name === "calculation")!;
    const base = { status: "fallback" } as Parameters<typeof col.value>[0];
    expect(col.value({ ...base, calculation: "back-calculated" })).toBe("back-calculated");
    expect(col.value({ ...base, calculation: "live" })).toBe("live");
    expect(col.value({ ...base, status: "back-calculated", calculation: undefined })).toBe("back-calculated");
  });
});
