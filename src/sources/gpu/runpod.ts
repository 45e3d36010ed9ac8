// RunPod GraphQL gpuTypes: per-GPU-hour prices of Secure and Community Cloud (on-demand, spot, 3 and 6 month terms).
import type { CaptureInput } from "../../schemas/capture.ts";
import type { ParseResult, Term } from "../../schemas/quote.ts";
import { decOrNull, plain } from "../../normalize/money.ts";
import { SourceParseError } from "../types.ts";
import type { SourceDef } from "../types.ts";
import { asRecord, numOrNull, str } from "../record-fields.ts";
import { captureJson } from "../capture-decoder.ts";
import { QuoteCollector } from "../quote-collector.ts";

const QUERY =
  "query GpuTypes { gpuTypes { id displayName memoryInGb maxGpuCount secureCloud communityCloud securePrice communityPrice secureSpotPrice communitySpotPrice oneMonthPrice threeMonthPrice sixMonthPrice } }";

/**
 * The price fields read, the product (cloud) each belongs to, and its term. Secure and Community Cloud
 * are different products (sku `<id>:secure` / `<id>:community`). The term prices are Secure Cloud
 * savings plans. clusterPrice (Instant Clusters, multi-node) and the empty oneWeek/oneMonth fields are
 * not read.
 */
const FIELDS: { field: string; cloud: "secure" | "community"; term: Term }[] = [
  { field: "securePrice", cloud: "secure", term: "on_demand" },
  { field: "secureSpotPrice", cloud: "secure", term: "spot" },
  { field: "threeMonthPrice", cloud: "secure", term: "term_3m" },
  { field: "sixMonthPrice", cloud: "secure", term: "term_6m" },
  { field: "communityPrice", cloud: "community", term: "on_demand" },
  { field: "communitySpotPrice", cloud: "community", term: "spot" },
];

/**
 * Null or 0 in a price field means "not offered", as does any price of a cloud whose flag
 * (secureCloud / communityCloud) is false (MI300X lists communityPrice 0.5 with communityCloud false).
 * Such fields give no quote and no skip of their own; a GPU type that yields no quote at all is
 * recorded as one skip.
 */
export function parseRunpod(capture: CaptureInput): ParseResult {
  const json = captureJson(capture, "runpod");
  const root = asRecord(json);
  if (root && Array.isArray(root["errors"])) throw new SourceParseError(`runpod: GraphQL errors: ${JSON.stringify(root["errors"]).slice(0, 200)}`);
  const types = Array.isArray(json) ? json : asRecord(root?.["data"])?.["gpuTypes"];
  if (!Array.isArray(types)) throw new SourceParseError("runpod: expected {data:{gpuTypes:[...]}} or an array of GPU types");
  const out = new QuoteCollector();
  types.forEach((raw, i) => {
    const type = asRecord(raw) ?? {};
    const id = str(type["id"]);
    if (id === "") return out.skip(`[${i}]`, "GPU type without id");
    const memoryGb = numOrNull(type["memoryInGb"]);
    const memoryMb = numOrNull(type["memoryInMb"]);
    let quoted = 0;
    for (const { field, cloud, term } of FIELDS) {
      if (type[`${cloud}Cloud`] === false) continue;
      const price = decOrNull(type[field]);
      if (price === null || price.lte(0)) continue;
      const added = out.gpu({
        kind: "gpu",
        provider: "runpod",
        sku: `${id}:${cloud}`,
        gpuName: id,
        gpuInfo: str(type["displayName"]) || null,
        gpuMemoryGiB: memoryGb && memoryGb > 0 ? memoryGb : memoryMb && memoryMb > 0 ? memoryMb / 1024 : null,
        gpuCount: "1",
        price: plain(price),
        priceBasis: "gpu",
        // A pod of one GPU: the price buys exactly the unit it names.
        gpuUnit: "stated",
        currency: "USD",
        term,
        region: "",
        tier: "list_price",
        locator: `[${i}] ${field}`,
      });
      if (added) quoted++;
    }
    if (quoted === 0) out.skip(`[${i}]`, `no price: ${id} is not offered in any cloud`);
  });
  return out.result;
}

export const runpod: SourceDef = {
  id: "runpod",
  title: "RunPod GPU types (GraphQL)",
  kind: "gpu",
  homepage: "https://docs.runpod.io/sdks/graphql/manage-pods",
  schedule: "25 */4 * * *",
  tier: "list_price",
  requiresKey: { env: "CPI_RUNPOD_API_KEY", reason: "the RunPod GraphQL API needs an API key" },
  // SourceRequest has no body: the GraphQL query goes in the GET query string, with the key as api_key.
  requests: (key) =>
    key ? [{ url: `https://api.runpod.io/graphql?query=${encodeURIComponent(QUERY)}&api_key=${encodeURIComponent(key)}` }] : [],
  parse: parseRunpod,
  minQuotes: 10,
};
