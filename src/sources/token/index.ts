// Registry of the token-price sources: every module's SourceDef, in a stable order.
import type { SourceDef } from "../types.ts";
import { litellm } from "./litellm.ts";
import { openrouter } from "./openrouter.ts";
import { openrouterEndpoints } from "./openrouter-endpoints.ts";
import { openrouterVolume } from "./openrouter-volume.ts";

export const tokenSources: SourceDef[] = [openrouter, openrouterEndpoints, openrouterVolume, litellm];
