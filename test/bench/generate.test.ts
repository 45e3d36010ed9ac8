// The bench data generators are seeded and deterministic: same seed -> same bytes (sha256), another seed -> others.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decimalText, deriveSeed, int, mulberry32 } from "../../bench/generate/prng.ts";
import { generateOpenRouterModels } from "../../bench/generate/openrouter.ts";
import { generateSkypilotCsv, SKYPILOT_HEADER } from "../../bench/generate/skypilot.ts";
import { generateVastOffers } from "../../bench/generate/vast.ts";
import { awsPriceListChunks } from "../../bench/generate/aws.ts";
import { generateObservations, observationCsvLine, seriesKeys, totalRows, type ObservationShape } from "../../bench/generate/observations.ts";
import { benchIndices } from "../../bench/generate/methodology.ts";
import { loadMethodology } from "../../src/index/index.ts";
import { NewObservation } from "../../src/schemas/observation.ts";

const sha = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

const generators: Record<string, (seed: number) => Uint8Array | string> = {
  openrouter: (seed) => generateOpenRouterModels({ seed, models: 40 }),
  skypilot: (seed) => generateSkypilotCsv({ seed, rows: 200 }),
  vast: (seed) => generateVastOffers({ seed, offers: 40 }),
  aws: (seed) => [...awsPriceListChunks({ seed, targetBytes: 60_000, chunkBytes: 8_192 })].join(""),
  observations: (seed) => [...generateObservations(shape(seed))].map(observationCsvLine).join(""),
};

function shape(seed: number): ObservationShape {
  return { seed, keys: seriesKeys(benchIndices(loadMethodology(), 40).indices), start: "2026-01-01", days: 2, providers: 4, perDay: 3 };
}

describe("bench generators", () => {
  for (const [name, generate] of Object.entries(generators)) {
    it(`${name}: same seed gives the same sha256, another seed another`, () => {
      expect(sha(generate(7))).toBe(sha(generate(7)));
      expect(sha(generate(7))).not.toBe(sha(generate(8)));
    });
  }

  it("mulberry32 is a pure function of its seed and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const r = mulberry32(1);
    expect(Array.from({ length: 200 }, () => int(r, 3, 5)).every((n) => n >= 3 && n <= 5)).toBe(true);
    expect(deriveSeed(1, "a")).not.toBe(deriveSeed(1, "b"));
  });

  it("decimalText writes exact decimals from integers", () => {
    expect(decimalText(12345, 4)).toBe("1.2345");
    expect(decimalText(5, 3)).toBe("0.005");
    expect(decimalText(-120, 2)).toBe("-1.20");
    expect(decimalText(7, 0)).toBe("7");
  });

  it("payloads have the real formats' shapes", () => {
    const models = JSON.parse(new TextDecoder().decode(generateOpenRouterModels({ seed: 1, models: 10 }))) as { data: { id: string; pricing: object }[] };
    expect(models.data).toHaveLength(10);
    expect(models.data[0]!.id).toBe("openai/gpt-oss-120b");
    const csv = new TextDecoder().decode(generateSkypilotCsv({ seed: 1, rows: 5 })).split("\n");
    expect(csv[0]).toBe(SKYPILOT_HEADER);
    expect(csv.filter((l) => l !== "")).toHaveLength(6);
    const offers = JSON.parse(new TextDecoder().decode(generateVastOffers({ seed: 1, offers: 3 }))) as { offers: { dph_total: number; num_gpus: number }[] };
    expect(offers.offers).toHaveLength(3);
    expect(typeof offers.offers[0]!.dph_total).toBe("number");
    const aws = [...awsPriceListChunks({ seed: 1, targetBytes: 20_000 })].join("").split("\n");
    expect(aws[0]).toBe('"FormatVersion","v1.0"');
    expect(aws[5]!.startsWith('"SKU","OfferTermCode"')).toBe(true);
    expect(aws.join("\n").length).toBeLessThan(20_000 + 2_000);
  });

  it("observations are valid NewObservations, as many as the shape says", () => {
    const s = shape(3);
    const rows = [...generateObservations(s)];
    expect(rows).toHaveLength(totalRows(s));
    expect(rows).toHaveLength(s.keys.length * 2 * 4 * 3);
    for (const o of rows.slice(0, 200)) expect(NewObservation.safeParse(o).success).toBe(true);
    expect([...generateObservations({ ...s, limit: 17 })]).toHaveLength(17);
  });

  it("the bench methodology has 40 valid indices", async () => {
    const { parseMethodology } = await import("../../src/index/index.ts");
    const m = parseMethodology(benchIndices(loadMethodology(), 40));
    expect(m.indices).toHaveLength(40);
    expect(new Set(m.indices.map((d) => d.code)).size).toBe(40);
  });
});
