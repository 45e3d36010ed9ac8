// /v1/contracts (the contract book with trial status and rules in words) and /v1/manifest (the latest signed manifest).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import type { Store } from "../../src/db/index.ts";
import type { ApiEnv } from "../../src/api/registry.ts";
import { createApp } from "../../src/api/app.ts";
import { ContractList } from "../../src/api/contracts.ts";
import { SignedManifest } from "../../src/schemas/manifest.ts";
import { scratchStore } from "../helpers/stores.ts";
import { seededApp, testDeps } from "./fixture.ts";

let store: Store;
let app: Hono<ApiEnv>;
beforeAll(async () => ({ store, app } = await seededApp()));
afterAll(async () => store.close());

describe("/v1/contracts", () => {
  it("lists every contract of methodology/contracts.json with its terms, trial status on the publisher's date and the rules", async () => {
    const res = await app.request("/v1/contracts");
    expect(res.status).toBe(200);
    const book = ContractList.parse(await res.json());
    expect(book.today).toBe("2026-08-01");
    expect(book.document).toBe("/methodology/contracts.md");
    expect(book.count).toBe(9);
    const h100 = book.data.find((c) => c.index === "GPU-H100SXM-OD")!;
    expect(h100).toMatchObject({ unit: "GPU-hour", multiplier: 1000, indexUnit: "USD/GPU-hour", firstSettleableMonth: "2026-12", status: "shadow", currentFreezeAt: "2026-09-02T16:00:00.000Z" });
    expect(h100.listed).toHaveLength(12);
    expect(book.data.find((c) => c.index === "TOK-GLM52-BLEND-CNY-LIST")!.firstSettleableMonth).toBe("2027-06");
    expect(book.rules).toEqual({
      freeze: "16:00 UTC on the 2nd business day after the month ends (calendar cpi-utc-business-days)",
      coverage: "at least 80% of the calendar days (rounded up) with a computed, not carried, live fixing; below it the fallback applies",
      carried: "at most 3 carried (fallback) days of a month enter the mean; later ones are listed and skipped",
      fallback: ["the last computed fixing of the contract month", "else the previous contract month's final settlement value", "else no value: the administrator's determination procedure applies"],
    });
  });

  it("says settleable once the trial is over, and answers CSV", async () => {
    const later = createApp({ ...testDeps(store), now: () => new Date("2027-01-15T00:00:00Z") }, { nonce: "t" });
    const book = ContractList.parse(await (await later.request("/v1/contracts")).json());
    expect(book.data.filter((c) => c.status === "settleable").map((c) => c.index)).toHaveLength(7);
    const csv = await (await app.request("/v1/contracts?format=csv")).text();
    expect(csv.split("\r\n")[0]).toBe("index,unit,multiplier,currency,region,listed_months,rounding_decimals,rounding_mode,trial_start,trial_months,first_settleable_month,status,successor");
  });
});

describe("/v1/manifest", () => {
  it("serves the latest signed manifest", async () => {
    const res = await app.request("/v1/manifest");
    expect(res.status).toBe(200);
    const m = SignedManifest.parse(await res.json());
    expect(m.fixings.head).toBe(await store.lastChainHash());
    expect(m.files.some((f) => f.path === "methodology/contracts.json")).toBe(true);
  });

  it("answers 404 before the first manifest", async () => {
    const empty = scratchStore();
    const res = await createApp(testDeps(empty), { nonce: "t" }).request("/v1/manifest");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/no manifest published yet/);
    await empty.close();
  });
});
