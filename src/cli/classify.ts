// `cpi classify "<name>"`: run the GPU classifier on one name and print the class, tags and evidence as JSON.
import { classifyGpu } from "../normalize/hardware/index.ts";
import { parseArgs, type CliIo } from "./io.ts";

const USAGE = 'usage: cpi classify "<name>" [--provider p] [--sku s] [--source s] [--count N] [--memory-gib N] [--gpu-info text]';

function numberOption(value: string | true | undefined, name: string): number | null {
  if (value === undefined) return null;
  const n = typeof value === "string" ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`);
  return n;
}

function stringOption(value: string | true | undefined): string | null {
  return typeof value === "string" ? value : null;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args);
  const name = positional.join(" ").trim();
  const sku = stringOption(options.sku);
  if (name === "" && sku === null) {
    io.err(USAGE);
    return 2;
  }
  const result = classifyGpu({
    provider: stringOption(options.provider),
    source: stringOption(options.source),
    sku,
    gpuName: name || null,
    gpuInfo: stringOption(options["gpu-info"]),
    gpuCount: numberOption(options.count, "count"),
    gpuMemoryGiB: numberOption(options["memory-gib"], "memory-gib"),
  });
  io.out(JSON.stringify(result, null, 2));
  return 0;
}
