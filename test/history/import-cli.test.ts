import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/cli/import.ts";
import { fixturePath } from "../helpers/shared.ts";
import { scratchStore } from "../helpers/stores.ts";

describe("cpi import (importFile)", () => {
  it("stores the file as a capture, links every observation to it and refuses a second import", async () => {
    const store = scratchStore();
    try {
      const path = fixturePath("history", "daily_observations_sample.csv");
      const bytes = new Uint8Array(readFileSync(path));
      const now = () => new Date("2026-08-22T10:00:00.000Z");
      const s = await importFile(store, "daily-observations", path, bytes, { now });
      expect(s).toMatchObject({ format: "daily-observations", observations: 9, unclassified: 1, rejected: 7, skipped: null });
      expect(s.rejectedByReason[0]).toMatchObject({ count: 3, reason: expect.stringMatching(/^per-node price/) });
      const meta = await store.getCaptureMeta(s.captureId!);
      expect(meta).toMatchObject({ sourceId: "import:daily-observations", sha256: s.sha256, size: bytes.length });
      const rows = await store.queryObservations({ source: "import:daily-observations" });
      expect(rows).toHaveLength(9);
      for (const o of rows) expect(o).toMatchObject({ captureId: s.captureId, attrs: { fileSha256: s.sha256, dataset: "daily_observations_sample.csv" } });
      const again = await importFile(store, "daily-observations", path, bytes, { now });
      expect(again.skipped).toMatch(/already imported/);
      expect(await store.countObservations()).toBe(9);
    } finally {
      await store.close();
    }
  });

  it("names the formats on an unknown one", async () => {
    const store = scratchStore();
    try {
      await expect(importFile(store, "nope", "x.csv", new Uint8Array(), { now: () => new Date("2026-08-22T10:00:00.000Z") })).rejects.toThrow(/daily-observations/);
    } finally {
      await store.close();
    }
  });
});
