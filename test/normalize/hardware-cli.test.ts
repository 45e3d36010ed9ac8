// `cpi classify`: JSON out, exit 0 whether or not the name is classified.
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/classify.ts";
import type { CliIo } from "../../src/cli/io.ts";

function fakeIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env: {}, cwd: "/" };
}

describe("cpi classify", () => {
  it("prints the class, tags and evidence", async () => {
    const io = fakeIo();
    expect(await run(["H100_80GB_SXM5"], io)).toBe(0);
    const out = JSON.parse(io.lines.join("\n")) as { classId: string; tags: { formFactor: string }; evidence: string[] };
    expect(out.classId).toBe("h100-sxm-80gb");
    expect(out.tags.formFactor).toBe("sxm");
    expect(out.evidence.length).toBeGreaterThan(0);
  });

  it("uses --provider, --count and --memory-gib", async () => {
    const io = fakeIo();
    expect(await run(["Nvidia", "Tesla", "A100", "GPU", "--provider", "gcp"], io)).toBe(0);
    expect(JSON.parse(io.lines.join("\n"))).toMatchObject({ classId: "a100-sxm-40gb" });
    const io2 = fakeIo();
    await run(["A100 PCIe", "--memory-gib", "80", "--count", "2"], io2);
    expect(JSON.parse(io2.lines.join("\n"))).toMatchObject({ classId: "a100-pcie-80gb" });
  });

  it("prints the reason and exits 0 for an ambiguous name", async () => {
    const io = fakeIo();
    expect(await run(["H100"], io)).toBe(0);
    expect(JSON.parse(io.lines.join("\n"))).toMatchObject({ classified: false, rawName: "H100" });
  });

  it("rejects a missing name and a bad number", async () => {
    const io = fakeIo();
    expect(await run([], io)).toBe(2);
    await expect(run(["H100", "--count", "x"], fakeIo())).rejects.toThrow(/--count/);
  });
});
