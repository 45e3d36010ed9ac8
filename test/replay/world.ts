// The replayed internet's content: every enabled source's real request paths answered in its real shape, as of a simulated day.
// Small hand-written offers (test/fixtures/replay/*.json) are rendered per day with prices moved a little, so fixings move.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dec, plain } from "../../src/normalize/money.ts";
import { defaultModelCatalog } from "../../src/normalize/models/index.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "replay");
type Row = (string | number)[];
interface GpuWorld {
  skypilot: Record<string, Row[]>;
  azure: string[][];
  azurePageSize: number;
  aws: Record<string, string[][]>;
  vastai: Row[];
  vastaiCopies: number;
}
interface TokenWorld {
  indexModels: Record<string, { permaslug: string; providers: string[][] }>;
  huggingface: Record<string, string[][]>;
  firstParty: Record<string, string[][]>;
  llmPricesVendors: string[];
}
const gpu = JSON.parse(readFileSync(join(FIXTURES, "gpu.json"), "utf8")) as GpuWorld;
const token = JSON.parse(readFileSync(join(FIXTURES, "token.json"), "utf8")) as TokenWorld;

export interface Response {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** Faults by simulated day (0 = the first day): what the replayed internet does wrong, and when. */
export interface Faults {
  /** Requests (host/path?query containing `match`) answering 503 all day: a source down for a day. */
  outage?: { day: number; match: string }[];
  /** Requests whose body is cut in half that day: a truncated page. */
  truncate?: { day: number; match: string }[];
  /** Requests whose response changes shape from that day on (DeepInfra's model list). */
  reshape?: { fromDay: number; match: string }[];
  /** A GPU nobody has seen, listed from that day on (SkyPilot lambda). */
  newProduct?: { fromDay: number };
}

/** The GPU name of the new product fault: no hardware class knows it. */
export const NEW_GPU = "GH300";

/** A price moved by at most ±0.4 % a day, deterministic in (key, day); exact decimals. */
export function move(base: string, key: string, day: number): string {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const step = ((h + day * 3) % 9) - 4;
  const places = Math.max(2, (base.split(".")[1] ?? "").length) + 2;
  return plain(dec(base).times(dec(1000 + step).div(1000)).toDecimalPlaces(places));
}
const perToken = (perMillion: string) => plain(dec(perMillion).div(1e6));

/** Catalog models that are not index models: filler rows so every source reaches its minimum quote count. */
function fillers(count: number): { id: string; input: string; output: string }[] {
  const skip = new Set([...Object.keys(token.indexModels), ...Object.keys(token.huggingface), ...Object.values(token.firstParty).flat().map((r) => r[1]!)]);
  const ids = [...defaultModelCatalog.byId.keys()].filter((id) => !skip.has(id)).slice(0, count);
  return ids.map((id, i) => ({ id, input: `0.${String(10 + (i % 80)).padStart(2, "0")}`, output: `${1 + (i % 7)}.${i % 10}0` }));
}

const json = (body: unknown): Response => ({ status: 200, contentType: "application/json", body: JSON.stringify(body) });
const text = (body: string, contentType: string): Response => ({ status: 200, contentType, body });

function openrouterModels(day: number): Response {
  const rows = [
    ...Object.entries(token.indexModels).map(([id, m]) => ({ id, input: m.providers[0]![3]!, output: m.providers[0]![4]! })),
    ...Object.values(token.firstParty).flat().map((r) => ({ id: r[1]!, input: r[2]!, output: r[3]! })),
    ...fillers(110),
  ];
  const data = rows.map((r) => ({
    id: r.id,
    canonical_slug: r.id,
    name: r.id,
    context_length: 131072,
    architecture: { modality: "text->text", tokenizer: "Other" },
    pricing: { prompt: perToken(move(r.input, `or:${r.id}:in`, day)), completion: perToken(move(r.output, `or:${r.id}:out`, day)) },
  }));
  return json({ data });
}

function openrouterEndpoints(model: string, day: number): Response | null {
  const m = token.indexModels[model];
  if (!m) return null;
  const endpoints = m.providers.map(([name, tag, quantization, input, output]) => ({
    name: `${name} | ${model}`,
    model_name: model,
    context_length: 131072,
    pricing: { prompt: perToken(move(input!, `ep:${model}:${tag}:in`, day)), completion: perToken(move(output!, `ep:${model}:${tag}:out`, day)), discount: 0 },
    provider_name: name,
    tag,
    quantization,
    status: 0,
    uptime_last_30m: 99.5,
  }));
  return json({ data: { id: model, name: model, architecture: { tokenizer: "Other" }, endpoints } });
}

function openrouterStats(permaslug: string, day: number): Response | null {
  const entry = Object.entries(token.indexModels).find(([, m]) => m.permaslug === permaslug);
  // The volume source asks for every model the definitions weigh by volume: a model the world has no
  // endpoints for still trades, on one provider (the real API answers for every listed model).
  if (!entry) {
    if (!/^[a-z0-9.-]+\/[a-z0-9.-]+$/.test(permaslug)) return null;
    const providerSummaries = [{ endpointId: `ep-${permaslug}`, providerName: "DeepInfra", providerSlug: "deepinfra", effectiveInputPrice: 0.1, effectiveOutputPrice: 0.4, cacheHitRate: 0.1, totalTokens: 1_000_000_000 + day * 1_000_000 }];
    return json({ data: { providerSummaries, providerNames: ["DeepInfra"] } });
  }
  const [model, m] = entry;
  const providerSummaries = m.providers.map(([name, tag, , input, output], i) => ({
    endpointId: `ep-${tag}`,
    providerName: name,
    providerSlug: tag!.split("/")[0],
    effectiveInputPrice: Number(move(input!, `st:${model}:${tag}:in`, day)) * 0.9,
    effectiveOutputPrice: Number(move(output!, `st:${model}:${tag}:out`, day)),
    cacheHitRate: 0.1,
    totalTokens: 1_000_000_000 * (i + 1) + day * 1_000_000,
  }));
  return json({ data: { providerSummaries, providerNames: m.providers.map((p) => p[0]) } });
}

function litellm(day: number): Response {
  const out: Record<string, unknown> = { sample_spec: { input_cost_per_token: 0, litellm_provider: "one of https://docs.litellm.ai/docs/providers", mode: "chat", output_cost_per_token: 0 } };
  for (const [provider, prefix] of [["openrouter", "openrouter/"], ["together_ai", "together_ai/"]] as const) {
    for (const f of fillers(170)) {
      out[`${prefix}${f.id}`] = { input_cost_per_token: Number(perToken(move(f.input, `ll:${f.id}`, day))), output_cost_per_token: Number(perToken(move(f.output, `ll:${f.id}:o`, day))), litellm_provider: provider, mode: "chat" };
    }
  }
  return json(out);
}

function genaiPrices(day: number): Response {
  const providers = ["openrouter", "together"].map((id) => ({
    id,
    name: id,
    models: fillers(170).map((f) => ({ id: f.id, match: { equals: f.id }, prices: [{ prices: { input_mtok: Number(move(f.input, `gp:${id}:${f.id}`, day)), output_mtok: Number(move(f.output, `gp:${id}:${f.id}:o`, day)) } }] })),
  }));
  for (const [vendor, rows] of Object.entries(token.firstParty)) {
    providers.push({ id: vendor, name: vendor, models: rows.map(([id, , input, output]) => ({ id: id!, match: { equals: id! }, prices: [{ prices: { input_mtok: Number(input), output_mtok: Number(output) } }] })) });
  }
  return json(providers);
}

function deepinfra(day: number, reshaped: boolean): Response {
  const rows = [...Object.entries(token.indexModels).map(([id, m]) => ({ id, input: m.providers[0]![3]!, output: m.providers[0]![4]! })), ...fillers(20)].map((r) => ({
    model_name: r.id,
    type: "text-generation",
    deprecated: null,
    pricing: { type: "tokens", cents_per_input_token: Number(dec(move(r.input, `di:${r.id}`, day)).div(1e4)), cents_per_output_token: Number(dec(move(r.output, `di:${r.id}:o`, day)).div(1e4)) },
  }));
  // The shape change: a new envelope with renamed fields the parser has never seen.
  return reshaped ? json({ version: 2, results: rows.map((r) => ({ name: r.model_name, prices: r.pricing })) }) : json(rows);
}

function huggingface(day: number): Response {
  const models = [...Object.entries(token.huggingface).map(([id, providers]) => ({ id, providers })), ...fillers(20).map((f) => ({ id: f.id, providers: [["novita", f.input, f.output]] }))];
  const data = models.map((m) => ({
    id: m.id,
    object: "model",
    owned_by: m.id.split("/")[0],
    architecture: { input_modalities: ["text"], output_modalities: ["text"] },
    providers: m.providers.map(([provider, input, output]) => ({ provider, status: "live", context_length: 131072, pricing: { input: Number(move(input!, `hf:${m.id}:${provider}`, day)), output: Number(move(output!, `hf:${m.id}:${provider}:o`, day)) } })),
  }));
  return json({ object: "list", data });
}

/** First-party list prices do not move day to day. */
function llmPrices(vendor: string): Response | null {
  if (!token.llmPricesVendors.includes(vendor)) return null;
  const own = token.firstParty[vendor]?.map(([id, , input, output]) => ({ id: id!, input: input!, output: output! }));
  const rows = own ?? fillers(token.llmPricesVendors.indexOf(vendor) + 1).slice(-1).map((f) => ({ ...f, id: f.id.split("/")[1]! }));
  return json({
    vendor,
    models: rows.map((r) => ({ id: r.id, name: r.id, price_history: [{ input: Number(r.input), output: Number(r.output), from_date: null, to_date: null, input_cached: null }] })),
  });
}

const SKYPILOT_HEADER = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region";

function skypilot(cloud: string, day: number, faults: Faults): Response {
  const rows = [...(gpu.skypilot[cloud] ?? [[`${cloud}-l4-1x`, "L4", 1, 8, 32, 24, "0.80", "", "eu"]])];
  if (cloud === "lambda" && faults.newProduct && day >= faults.newProduct.fromDay) rows.push(["gpu_1x_gh300", NEW_GPU, 1, 72, 480, 288, "6.49", "", "us-east-1"]);
  const lines = rows.map(([sku, name, count, vcpus, mem, gpuGb, price, spot, region]) => {
    const info = `"{'Gpus': [{'Name': '${name}', 'Manufacturer': 'NVIDIA', 'Count': ${count}, 'MemoryInfo': {'SizeInMiB': ${Number(gpuGb) * 1024}}}], 'TotalGpuMemoryInMiB': ${Number(gpuGb) * 1024 * Number(count)}}"`;
    const at = (p: string | number, k: string) => (p === "" ? "" : move(String(p), `sp:${cloud}:${sku}:${k}`, day));
    return [sku, name, count, vcpus, mem, info, at(price!, "od"), at(spot!, "spot"), `"${region}"`].join(",");
  });
  return text([SKYPILOT_HEADER, ...lines, ""].join("\n"), "text/csv");
}

const AZURE_FILTER = "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and contains(armSkuName, 'Standard_N')";

function azure(skip: number, day: number): Response {
  const items = gpu.azure.map(([armSkuName, skuName, productName, region, price]) => ({
    currencyCode: "USD",
    tierMinimumUnits: 0,
    retailPrice: Number(move(price!, `az:${skuName}:${region}`, day)),
    unitPrice: Number(move(price!, `az:${skuName}:${region}`, day)),
    armRegionName: region,
    location: region,
    effectiveStartDate: "2026-06-01T00:00:00Z",
    meterName: skuName,
    productName,
    skuName,
    serviceName: "Virtual Machines",
    serviceFamily: "Compute",
    unitOfMeasure: "1 Hour",
    type: "Consumption",
    isPrimaryMeterRegion: true,
    armSkuName,
  }));
  const page = items.slice(skip, skip + gpu.azurePageSize);
  const next = skip + gpu.azurePageSize < items.length ? `https://prices.azure.com/api/retail/prices?$filter=${encodeURIComponent(AZURE_FILTER)}&$skip=${skip + gpu.azurePageSize}` : null;
  return json({ BillingCurrency: "USD", CustomerEntityId: "Default", CustomerEntityType: "Retail", Items: page, NextPageLink: next, Count: page.length });
}

const AWS_COLUMNS = ["SKU", "OfferTermCode", "RateCode", "TermType", "PriceDescription", "EffectiveDate", "Unit", "PricePerUnit", "Currency", "LeaseContractLength", "PurchaseOption", "OfferingClass", "Product Family", "Location", "Instance Type", "Instance Family", "vCPU", "Memory", "Tenancy", "Operating System", "CapacityStatus", "GPU", "GPU Memory", "MarketOption", "Pre Installed S/W", "Region Code"];

function aws(region: string, day: number): Response | null {
  const rows = gpu.aws[region];
  if (!rows) return null;
  const q = (v: string) => `"${v}"`;
  const lines = rows.map(([sku, gpus, gpuMem, vcpu, mem, price], i) => {
    const p = move(price!, `aws:${region}:${sku}`, day);
    const code = `REPLAY${region.replace(/-/g, "").toUpperCase()}${i}`;
    return [code, "JRTCKXETXF", `${code}.JRTCKXETXF.6YS6EN2CT7`, "OnDemand", `$${p} per On Demand Linux ${sku} Instance Hour`, "2026-11-01", "Hrs", p, "USD", "", "", "", "Compute Instance", region, sku!, gpus === "NA" ? "General purpose" : "GPU instance", vcpu!, mem!, "Shared", "Linux", "Used", gpus!, gpuMem!, "OnDemand", "NA", region].map(q).join(",");
  });
  const preamble = ['"FormatVersion","v1.0"', '"Disclaimer","This pricing list is for informational purposes only."', '"Publication Date","2026-11-20T18:02:11Z"', '"Version","20261120180211"', '"OfferCode","AmazonEC2"'];
  return text([...preamble, AWS_COLUMNS.map(q).join(","), ...lines, ""].join("\n"), "text/csv");
}

function vastai(day: number): Response {
  const offers = [];
  for (let copy = 0; copy < gpu.vastaiCopies; copy++) {
    for (const [i, [name, count, ram, dph, bid, geo]] of gpu.vastai.entries()) {
      const id = copy * 100 + i + 1;
      offers.push({
        id, ask_contract_id: id, machine_id: 10_000 + id, host_id: 500 + i, gpu_name: name, num_gpus: count, gpu_ram: ram, gpu_arch: "nvidia",
        cpu_cores_effective: 16, cpu_ram: 64296, disk_space: 200, dph_total: Number(move(String(dph), `va:${id}`, day)), min_bid: bid === "" ? 0 : Number(move(String(bid), `va:${id}:bid`, day)),
        is_bid: false, reliability2: 0.99, verification: "verified", rentable: true, rented: false, geolocation: geo, hosting_type: 0,
      });
    }
  }
  return json({ offers });
}

function ecb(dayDate: string, day: number): Response {
  const rates = [["USD", "1.0512"], ["JPY", "158.21"], ["CNY", "7.6410"], ["GBP", "0.8301"], ["CHF", "0.9321"], ["AUD", "1.6320"], ["CAD", "1.4750"], ["SEK", "11.472"], ["NOK", "11.702"], ["DKK", "7.4589"], ["PLN", "4.2650"], ["CZK", "25.110"], ["HUF", "410.12"], ["KRW", "1480.50"], ["INR", "89.120"], ["SGD", "1.4120"], ["HKD", "8.1700"], ["NZD", "1.8100"], ["ZAR", "19.050"], ["BRL", "6.3100"], ["MXN", "21.400"], ["TRY", "36.500"]];
  const cubes = rates.map(([c, r]) => `<Cube currency='${c}' rate='${move(r!, `ecb:${c}`, day)}'/>`).join("");
  return text(`<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref"><gesmes:subject>Reference rates</gesmes:subject><Cube><Cube time='${dayDate}'>${cubes}</Cube></Cube></gesmes:Envelope>`, "text/xml");
}

const within = (rules: { day: number; match: string }[] | undefined, day: number, key: string) => (rules ?? []).some((r) => r.day === day && key.includes(r.match));

/**
 * The answer to an upstream request (`host/path?query`, as the mirror lays it out) on simulated day `day`
 * (`dayDate` its UTC date), faults applied; null for a path no source asks for (404).
 */
export function respond(key: string, day: number, dayDate: string, faults: Faults = {}): Response | null {
  if (within(faults.outage, day, key)) return { status: 503, contentType: "text/plain", body: "replay: source down for the day", headers: { "retry-after": "0" } };
  const answer = route(key, day, dayDate, faults);
  if (answer && within(faults.truncate, day, key)) return { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) };
  return answer;
}

function route(key: string, day: number, dayDate: string, faults: Faults): Response | null {
  const [path = "", query = ""] = key.split("?");
  const params = new URLSearchParams(query);
  const reshaped = (faults.reshape ?? []).some((r) => day >= r.fromDay && key.includes(r.match));
  let m: RegExpExecArray | null;
  if (path === "openrouter.ai/api/v1/models") return openrouterModels(day);
  if ((m = /^openrouter\.ai\/api\/v1\/models\/(.+)\/endpoints$/.exec(path))) return openrouterEndpoints(m[1]!, day);
  if (path === "openrouter.ai/api/frontend/v1/stats/effective-pricing") return openrouterStats(params.get("permaslug") ?? "", day);
  if (path === "raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json") return litellm(day);
  if (path === "raw.githubusercontent.com/pydantic/genai-prices/main/prices/data_v2.json") return genaiPrices(day);
  if (path === "api.deepinfra.com/models/list") return deepinfra(day, reshaped);
  if (path === "router.huggingface.co/v1/models") return huggingface(day);
  if ((m = /^raw\.githubusercontent\.com\/simonw\/llm-prices\/main\/data\/([a-z-]+)\.json$/.exec(path))) return llmPrices(m[1]!);
  if ((m = /^raw\.githubusercontent\.com\/skypilot-org\/skypilot-catalog\/master\/catalogs\/v8\/([a-z]+)\/vms\.csv$/.exec(path))) return skypilot(m[1]!, day, faults);
  if (path === "prices.azure.com/api/retail/prices" && params.get("$filter") === AZURE_FILTER) return azure(Number(params.get("$skip") ?? "0"), day);
  if ((m = /^pricing\.us-east-1\.amazonaws\.com\/offers\/v1\.0\/aws\/AmazonEC2\/current\/([a-z0-9-]+)\/index\.csv$/.exec(path))) return aws(m[1]!, day);
  if (path === "console.vast.ai/api/v0/bundles/") return vastai(day);
  if (path === "www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml") return ecb(dayDate, day);
  return null;
}
