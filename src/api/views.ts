// Response schemas: what each route returns, as zod (documented in /openapi.json, checked by the tests).
import { z } from "zod";
import { DecimalString, IsoDate, IsoTime } from "../schemas/decimal.ts";
import { Fixing, FixingStatus } from "../schemas/fixing.ts";
import { IndexDefinition } from "../schemas/methodology.ts";
import { Observation } from "../schemas/observation.ts";
import { LiveState } from "./live-state.ts";

export const FixingSummary = Fixing.omit({ inputs: true, id: true }).extend({ inputCount: z.number().int() });
export type FixingSummary = z.infer<typeof FixingSummary>;

export const Change = z
  .object({
    since: IsoDate.describe("fixing date of the base value"),
    base: DecimalString,
    change: DecimalString.describe("latest value minus base, exact"),
    percent: DecimalString.describe("change / base x 100, 2 decimals half-even"),
  })
  .nullable();

export const SparkPoint = z.object({ date: IsoDate, value: DecimalString.nullable(), status: FixingStatus });

export const IndexRow = z.object({
  code: z.string(),
  name: z.string(),
  family: z.enum(["gpu", "token"]),
  unit: z.string(),
  currency: z.string(),
  product: IndexDefinition.shape.product,
  fixing: IndexDefinition.shape.fixing,
  estimator: IndexDefinition.shape.estimator,
  methodologyVersion: z.string(),
  document: z.string().describe("link to the methodology document"),
  latest: FixingSummary.nullable(),
  lastValue: FixingSummary.nullable().describe("the most recent fixing with a value (the latest may be a fallback without one)"),
  changes: z.object({ d1: Change, d7: Change, d30: Change }),
  spark: z.array(SparkPoint).optional().describe("present when ?spark=N is given"),
  live: LiveState,
});
export type IndexRow = z.infer<typeof IndexRow>;

export const IndexList = z.object({ methodologyVersion: z.string(), count: z.number().int(), data: z.array(IndexRow) });

export const IndexDetail = IndexRow.extend({
  definition: IndexDefinition,
  summary: z.array(z.string()).describe("the methodology in plain sentences"),
  tokenizer: z.string().nullable().describe("tokenizer of the model (token indices)"),
  tokensPerChineseChar: z.string().nullable().describe("tokens per Chinese character of that tokenizer, when measured"),
});

export const FixingPage = z.object({
  index: z.string(),
  methodologyVersion: z.string(),
  asOf: z.string().nullable(),
  count: z.number().int(),
  nextCursor: IsoDate.nullable().describe("pass as ?cursor= for the next page"),
  data: z.array(FixingSummary),
});

export const ProviderRow = z.object({
  provider: z.string(),
  included: z.boolean(),
  price: DecimalString.nullable().describe("input: window-averaged price; excluded: latest observed price"),
  weight: DecimalString.nullable(),
  reason: z.string().nullable().describe("why excluded"),
  observationIds: z.array(z.number().int()),
});
export type ProviderRow = z.infer<typeof ProviderRow>;

export const ObservationView = Observation.extend({ capture: z.string().nullable().describe("link to the raw capture") });

export const FixingDetail = Fixing.extend({
  revisions: z.array(z.object({ revision: z.number().int(), status: FixingStatus, value: DecimalString.nullable(), publishedAt: IsoTime, note: z.string().nullable() })),
  providers: z.array(ProviderRow),
  observations: z.array(ObservationView),
});

export const ObservationPage = z.object({ count: z.number().int(), nextCursor: z.number().int().nullable(), data: z.array(ObservationView) });

export const UnmappedList = z.object({
  count: z.number().int(),
  data: z.array(z.object({ source: z.string(), kind: z.string(), rawName: z.string(), count: z.number().int(), lastSeen: z.string(), reason: z.string().nullable() })),
});

export const CaptureView = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  url: z.string(),
  fetchedAt: IsoTime,
  httpStatus: z.number().int(),
  contentType: z.string().nullable(),
  sha256: z.string(),
  size: z.number().int(),
  parseError: z.string().nullable(),
});

export const SourceRow = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(["gpu", "token", "fx"]),
  homepage: z.string(),
  schedule: z.string(),
  tier: z.string(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  health: z.string().describe("healthy, pending, disabled, error, degraded"),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
  lastError: z.string().nullable(),
  rowsLastParsed: z.number().int().nullable(),
  observationsLastParsed: z.number().int().nullable(),
  runs: z.number().int(),
});
export type SourceRow = z.infer<typeof SourceRow>;

export const SourceList = z.object({ count: z.number().int(), data: z.array(SourceRow) });

export const Health = z.object({
  status: z.enum(["ok", "degraded", "failing"]),
  now: IsoTime,
  methodologyVersion: z.string(),
  observations: z.number().int(),
  latestFixingDate: IsoDate.nullable(),
  /** What this process runs (cpi serve --role); "all" when the app is embedded without a role. */
  role: z.enum(["api", "scheduler", "all"]),
  /** True while this process holds the scheduler lease, false while it stands by, null when it does not campaign. */
  leader: z.boolean().nullable(),
  stale: z.array(z.string()).describe("enabled sources whose prices are getting old (two scheduled runs missed since the last success)"),
  sources: z.array(
    SourceRow.pick({ id: true, enabled: true, health: true, lastSuccessAt: true, lastErrorAt: true, lastError: true }).extend({
      ageSeconds: z.number().int().nullable().describe("seconds since the last successful collection"),
      stale: z.boolean().describe("the second scheduled run after the last success has passed without a success"),
      nextRunAt: z.string().nullable().describe("next scheduled collection (UTC)"),
    }),
  ),
});

export const ClassRow = z.object({
  id: z.string(),
  model: z.string(),
  name: z.string(),
  vendor: z.string(),
  architecture: z.string().nullable(),
  formFactor: z.string(),
  memoryType: z.string().nullable(),
  memoryGB: z.number().nullable(),
  memoryBandwidthTBs: z.number().nullable(),
  interconnect: z.string().nullable(),
  scaleUpDomain: z.number().nullable(),
  bf16DenseTflops: z.number().nullable(),
  softwareStack: z.string().nullable(),
  grade: z.string().nullable(),
  indices: z.array(z.string()).describe("index codes built on this class"),
});
export const ClassList = z.object({ taxonomyVersion: z.string(), count: z.number().int(), data: z.array(ClassRow) });

export const ModelRow = z.object({
  id: z.string(),
  family: z.string(),
  version: z.string(),
  openWeight: z.boolean(),
  tokenizer: z.string(),
  thinking: z.string().nullable(),
  aliases: z.array(z.string()),
  indices: z.array(z.string()),
});
export const ModelList = z.object({ taxonomyVersion: z.string(), count: z.number().int(), data: z.array(ModelRow) });

export const KeyRow = z.object({ keyId: z.string(), algorithm: z.literal("ed25519"), publicKeyPem: z.string(), status: z.enum(["active", "retired"]) });
export const KeyList = z.object({ count: z.number().int(), data: z.array(KeyRow) });
