// Real source parsers pointed at a local fake provider: unique URL per fetch, a journal line once a capture is stored.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openrouter } from "../../../src/sources/token/openrouter.ts";
import { deepinfra } from "../../../src/sources/token/deepinfra.ts";
import { vastai } from "../../../src/sources/gpu/vastai.ts";
import { gcp } from "../../../src/sources/gpu/gcp.ts";
import type { SourceDef } from "../../../src/sources/types.ts";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "sources");

/** A models list big enough that parsing and ingesting it takes a while (kills land inside ingestion). */
export function bigModelsList(count: number): string {
  const data = Array.from({ length: count }, (_, i) => ({
    id: `vendor${i % 17}/model-${i}`, name: `Model ${i}`, context_length: 131072, architecture: { tokenizer: "GPT" },
    pricing: { prompt: `0.000000${100 + (i % 50)}`, completion: `0.000000${400 + (i % 70)}` },
  }));
  return JSON.stringify({ data });
}

/** Bodies the fake provider serves, by path. */
export function providerBodies(models = 1500): Record<string, Buffer> {
  return {
    "/openrouter": Buffer.from(bigModelsList(models)),
    "/deepinfra": readFileSync(join(FIXTURES, "token", "deepinfra_models_list.json")),
    "/vastai": readFileSync(join(FIXTURES, "gpu", "vastai_bundles.json")),
    "/gcp": readFileSync(join(FIXTURES, "gpu", "gcp_billing_skus_page.json")),
  };
}

/**
 * The harness sources: every collection asks for a URL never asked before (`fetch=<pid>-<n>`), so each stored
 * capture is identifiable; `onCapture(url)` runs inside parse, which ingestion calls only after the capture committed.
 */
export function harnessSources(origin: string, onCapture: (url: string) => void, schedule = "* * * * * *"): SourceDef[] {
  let n = 0;
  const wrap = (source: SourceDef, path: string, extra = ""): SourceDef => ({
    ...source,
    schedule,
    nextPage: undefined,
    requests: (key) => [{ url: `${origin}${path}?fetch=${process.pid}-${++n}${extra}${key ? `&key=${encodeURIComponent(key)}` : ""}` }],
    parse: (capture) => {
      onCapture(capture.url);
      return source.parse(capture);
    },
  });
  return [wrap(openrouter, "/openrouter"), wrap(deepinfra, "/deepinfra"), wrap(vastai, "/vastai"), wrap(gcp, "/gcp", "&pageSize=5000")];
}
