// The GPU-hour price sources.
import type { SourceDef } from "../types.ts";
import { aws } from "./aws.ts";
import { azure } from "./azure.ts";
import { curatedOffers } from "./curated-offers.ts";
import { gcp } from "./gcp.ts";
import { runpod } from "./runpod.ts";
import { skypilot } from "./skypilot.ts";
import { vastai } from "./vastai.ts";

export const gpuSources: SourceDef[] = [skypilot, azure, aws, gcp, runpod, vastai, curatedOffers];
