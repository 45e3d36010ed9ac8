// The cpi CLI through main(): dispatch, parse of capture files, classify, config errors.
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { loadConfig, ConfigError } from "../../src/config.ts";
import { describeShared, fixturePath, sharedPath } from "../helpers/shared.ts";

function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd: process.cwd() };
  return { io, out, err };
}

describe("cpi CLI", () => {
  it("lists commands and rejects unknown ones", async () => {
    const help = fakeIo();
    expect(await main(["help"], help.io)).toBe(0);
    expect(help.out.join("\n")).toMatch(/parse <source> <file>/);
    const bad = fakeIo();
    expect(await main(["frobnicate"], bad.io)).toBe(2);
    expect(bad.err[0]).toMatch(/unknown command/);
  });

  it("parse prints one normalized observation per line with per-GPU USD prices", async () => {
    const { io, out, err } = fakeIo();
    expect(await main(["parse", "skypilot", fixturePath("sources", "gpu", "v6_vast_crlf.csv")], io)).toBe(0);
    const rows = out.map((l) => JSON.parse(l) as { unit: string; price: string; provider: string; source: string });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.unit === "USD/GPU-hour" && r.source === "skypilot" && r.provider === "vastai")).toBe(true);
    expect(err.join("\n")).toMatch(/quotes -> \d+ observations/);
  });

  it("parse reports an unparseable file with exit 1 and the reason", async () => {
    const { io, err } = fakeIo();
    expect(await main(["parse", "openrouter", fixturePath("sources", "gpu", "v6_vast_crlf.csv")], io)).toBe(1);
    expect(err[0]).toMatch(/could not be parsed/);
  });

  it("config names every invalid variable", () => {
    expect(() => loadConfig({ PORT: "eighty" }, "/")).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" }, "/")).toThrow(/PORT/);
    expect(loadConfig({}, "/srv").dbPath).toBe("/srv/data/cpi.db");
  });
});

describeShared("cpi parse over ../shared/fixtures", () => {
  it("prints per-GPU USD prices for skypilot/v6_vast.csv", async () => {
    const { io, out } = fakeIo();
    expect(await main(["parse", "skypilot", sharedPath("skypilot", "v6_vast.csv")], io)).toBe(0);
    const first = JSON.parse(out[0]!) as { price: string; attrs: { quotedPrice: string; gpuCount: string } };
    expect(first.price).toBe("2.2675");
    expect(first.attrs).toMatchObject({ quotedPrice: "9.07", gpuCount: "4" });
  });
});
