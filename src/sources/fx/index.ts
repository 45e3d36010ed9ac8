// The exchange-rate sources.
import type { SourceDef } from "../types.ts";
import { ecb } from "./ecb.ts";
import { pboc } from "./pboc.ts";

export const fxSources: SourceDef[] = [ecb, pboc];
