// The API bodies the dashboard reads, as TypeScript types inferred from the routes' own zod view schemas.
// The dashboard's JavaScript names them in JSDoc (`@type {import("../dashboard-types.ts").IndexListBody}`), and
// `tsc -p tsconfig.dashboard.json` (checkJs, in `npm test`) fails when an API change breaks a page.
import type { z } from "zod";
import type { ContractList } from "./contracts.ts";
import type { RestatementPage, SettlementList, SettlementView } from "./settlement-views.ts";
import type { FixingDetail, FixingPage, Health, IndexDetail, IndexList, IndexRow, SourceList } from "./views.ts";

export type IndexListBody = z.infer<typeof IndexList>;
export type IndexRowBody = z.infer<typeof IndexRow>;
export type IndexDetailBody = z.infer<typeof IndexDetail>;
export type FixingPageBody = z.infer<typeof FixingPage>;
export type FixingDetailBody = z.infer<typeof FixingDetail>;
export type HealthBody = z.infer<typeof Health>;
export type SourceListBody = z.infer<typeof SourceList>;
export type ContractListBody = z.infer<typeof ContractList>;
export type SettlementBody = z.infer<typeof SettlementView>;
export type SettlementListBody = z.infer<typeof SettlementList>;
export type RestatementPageBody = z.infer<typeof RestatementPage>;
