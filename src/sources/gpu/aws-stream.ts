// Line-by-line filter for AWS's huge price list CSVs: keeps the preamble, the header and GPU-instance rows only.

/** Offset of the header line (`"SKU","OfferTermCode",...`) after the 5 metadata lines; -1 when absent. */
export function findHeaderLine(text: string): number {
  const match = /(^|\n)"?SKU"?,/.exec(text.slice(0, 64 * 1024));
  return match ? match.index + match[1]!.length : -1;
}

/** Split one CSV line (double-quoted fields with "" escapes; price list fields never span lines). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let value = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) { value += line.slice(i); i = line.length; break; }
        value += line.slice(i, q);
        if (line[q + 1] === '"') { value += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      const comma = line.indexOf(",", i);
      i = comma < 0 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(",", i);
      value = comma < 0 ? line.slice(i) : line.slice(i, comma);
      i = comma < 0 ? line.length + 1 : comma + 1;
    }
    cells.push(value);
    if (i > line.length) return cells;
  }
}

export interface GpuColumns { instanceType: number; gpu: number }

/**
 * Rows worth keeping for the GPU index: a GPU count above zero, or an accelerator family (p*, g*,
 * trn*, inf*, dl*) so that parse() can record why it skips them.
 */
export function isGpuInstanceRow(cells: string[], columns: GpuColumns): boolean {
  const gpus = Number(cells[columns.gpu] ?? "");
  if (Number.isFinite(gpus) && gpus > 0) return true;
  return /^(p|g|trn|inf|dl)\d/.test(cells[columns.instanceType] ?? "");
}

/**
 * Stream filter in constant memory: yields (with "\n") the metadata lines, the header and the GPU rows
 * of an AWS price list CSV given as chunks of bytes. The output is itself a valid price list CSV.
 */
export async function* filterAwsPriceListStream(input: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder("utf-8");
  let columns: GpuColumns | null = null;
  let rest = "";
  const handle = (raw: string): string | null => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (columns === null) {
      if (findHeaderLine(line) === 0) {
        const header = splitCsvLine(line);
        const instanceType = header.indexOf("Instance Type");
        const gpu = header.indexOf("GPU");
        if (instanceType < 0 || gpu < 0) throw new Error('aws price list header lacks "Instance Type" or "GPU"');
        columns = { instanceType, gpu };
      }
      return line + "\n";
    }
    if (line === "") return null;
    return isGpuInstanceRow(splitCsvLine(line), columns) ? line + "\n" : null;
  };
  for await (const chunk of input) {
    rest += decoder.decode(chunk, { stream: true });
    let start = 0;
    let nl = rest.indexOf("\n");
    while (nl >= 0) {
      const kept = handle(rest.slice(start, nl));
      if (kept !== null) yield kept;
      start = nl + 1;
      nl = rest.indexOf("\n", start);
    }
    rest = rest.slice(start);
  }
  rest += decoder.decode();
  if (rest !== "") {
    const kept = handle(rest);
    if (kept !== null) yield kept;
  }
}
