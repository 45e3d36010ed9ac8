// The 2.0 worked examples of methodology/gpu.md ("2.0 worked examples"): parsed out of the document and run day by day.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findIndex, loadMethodology } from "../../../src/index/index.ts";
import { FixingDraft } from "../../../src/schemas/fixing.ts";
import { readDoc } from "../docs.ts";
import { runDays } from "./harness.ts";

const Quote = z.object({ provider: z.string(), price: z.string(), dataset: z.string().optional(), sku: z.string().optional(), gpuCount: z.number().optional(), bundled: z.boolean().optional() });
const Expected = z.object({
  value: z.string().nullable(),
  status: z.string(),
  note: z.string().optional(),
  exclusions: z.number().optional(),
  level: z.string().optional(),
  priceEffect: z.string().optional(),
  unlinkedMove: z.string().optional(),
  compositionEffect: z.string().optional(),
  entering: z.array(z.string()).optional(),
  exiting: z.array(z.string()).optional(),
  carried: z.array(z.string()).optional(),
});
const Example = z.object({ index: z.string(), days: z.array(z.object({ date: z.string(), quotes: z.array(Quote), expected: Expected })) });

function examples(markdown: string): z.infer<typeof Example>[] {
  return [...markdown.matchAll(/^```gpu2-example\n([\s\S]*?)^```$/gm)].map((m) => Example.parse(JSON.parse(m[1]!)));
}

const m2 = { ...loadMethodology(), version: "2.0.0" };
const provider = (key: string) => key.split("|")[0]!;

describe("2.0 worked examples in methodology/gpu.md", () => {
  const all = examples(readDoc("gpu.md"));

  it("has the entry, exit, linking and decomposition example", () => {
    expect(all.length).toBeGreaterThanOrEqual(1);
    const days = all.flatMap((e) => e.days.map((d) => d.expected));
    expect(days.some((d) => d.entering?.length)).toBe(true);
    expect(days.some((d) => d.exiting?.length)).toBe(true);
    expect(days.some((d) => d.compositionEffect !== undefined)).toBe(true);
  });

  it.each(all.map((ex, i) => [i + 1, ex] as const))("example %i computes as documented", (_, ex) => {
    const def = findIndex(m2, ex.index);
    const drafts = runDays(def, ex.days);
    drafts.forEach((draft, k) => {
      const want = ex.days[k]!.expected;
      const at = `${ex.index} ${draft.fixingDate}`;
      expect(FixingDraft.parse(draft), at).toEqual(draft);
      expect({ value: draft.value, status: draft.status }, at).toEqual({ value: want.value, status: want.status });
      if (want.note !== undefined) expect(draft.note, at).toContain(want.note);
      if (want.exclusions !== undefined) expect(draft.exclusions.length, at).toBe(want.exclusions);
      if (want.level !== undefined) expect(draft.panel?.level, at).toBe(want.level);
      const d = draft.panel?.decomposition;
      if (want.priceEffect !== undefined) expect(d?.priceEffect, at).toBe(want.priceEffect);
      if (want.unlinkedMove !== undefined) expect(d?.unlinkedMove, at).toBe(want.unlinkedMove);
      if (want.compositionEffect !== undefined) expect(d?.compositionEffect, at).toBe(want.compositionEffect);
      if (want.entering !== undefined) expect(d?.entering.map(provider), at).toEqual(want.entering);
      if (want.exiting !== undefined) expect(d?.exiting.map(provider), at).toEqual(want.exiting);
      if (want.carried !== undefined) expect(draft.panel!.constituents.filter((c) => c.status === "carried").map((c) => c.provider), at).toEqual(want.carried);
      // Entries and exits never move the level: the level moves by the price effect alone.
      if (d) expect(d.levelMove, at).toBe(d.priceEffect);
    });
  });
});
