// CPI_DB_READ_URL: the API's reads go to another URL, here the same server under a role that can only SELECT.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { openReadStore, openStore } from "../../src/db/index.ts";
import { loadConfig } from "../../src/config.ts";
import { gpuObservation, fixingDraft } from "../helpers/observations.ts";
import { adminQuery, createTestSchema, describePg } from "../helpers/pg.ts";

describePg("postgres read URL", () => {
  it("serves reads through a read-only role; that role cannot write", async () => {
    const schema = await createTestSchema();
    const role = `cpi_ro_${randomBytes(4).toString("hex")}`;
    try {
      const store = openStore(schema.url);
      await store.insertObservations([gpuObservation()]);
      await store.appendFixing(fixingDraft(), { publishedAt: "2026-05-01T16:00:05.000Z", sign: (h) => `t:${h.slice(0, 8)}` });
      await adminQuery(`CREATE ROLE ${role} LOGIN; GRANT USAGE ON SCHEMA ${schema.name} TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA ${schema.name} TO ${role}`);
      const readUrl = new URL(schema.url);
      readUrl.username = role;
      const config = loadConfig({ CPI_DB: schema.url, CPI_DB_READ_URL: readUrl.toString() }, "/");
      expect(config.dbReadPath).toBe(readUrl.toString());
      const reader = openReadStore(config.dbReadPath);
      try {
        expect(await reader.countObservations()).toBe(1);
        expect((await reader.getFixing("GPU-H100SXM-OD", "2026-05-01"))!.value).toBe("2.9900");
        const v = await reader.dataVersion();
        await store.insertObservations([gpuObservation()]);
        expect(await reader.dataVersion()).not.toBe(v);
      } finally {
        await reader.close();
      }
      const asRole = openStore(readUrl.toString());
      await expect(asRole.insertObservations([gpuObservation()])).rejects.toThrow(/permission denied/);
      await asRole.close();
      await store.close();
    } finally {
      await schema.drop();
      await adminQuery(`DROP OWNED BY ${role}; DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    }
  });
});
