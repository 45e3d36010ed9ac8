import { readFileSync } from "node:fs";
import { resolveModel } from "../../src/normalize/models/index.ts";
const ll = JSON.parse(readFileSync("/work/shared/fixtures/litellm/model_prices_2026-07-24.json","utf8"));
for (const [k,v] of Object.entries<any>(ll)) { if (v.mode!=="chat") continue; const r = resolveModel(k, {provider: v.litellm_provider}); if (r.identity) { const name=r.identity.id.split("/")[1]; const kk=k.toLowerCase(); if (!kk.includes(name)) console.log(k.padEnd(70), r.identity.id, r.identity.variant ?? "", r.identity.quantizationHint ?? ""); } }
