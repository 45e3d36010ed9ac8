// Synthetic AWS EC2 bulk price list CSV (per region): 5 metadata lines, the real header, ~3% GPU-instance rows.
import { chance, decimalText, int, mulberry32, pick, type Rng } from "./prng.ts";

export const AWS_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.csv";

const HEADER_LINE = '"SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","RelatedTo","LeaseContractLength","PurchaseOption","OfferingClass","Product Family","serviceCode","Location","Location Type","Instance Type","Current Generation","Instance Family","vCPU","Physical Processor","Clock Speed","Memory","Storage","Network Performance","Processor Architecture","Storage Media","Volume Type","Max Volume Size","Max IOPS/volume","Max IOPS Burst Performance","Max throughput/volume","Provisioned","Tenancy","EBS Optimized","Operating System","License Model","Group","Group Description","Transfer Type","From Location","From Location Type","To Location","To Location Type","usageType","operation","AvailabilityZone","CapacityStatus","ClassicNetworkingSupport","Dedicated EBS Throughput","ECU","Elastic Graphics Type","Enhanced Networking Supported","From Region Code","GPU","GPU Memory","Instance","Instance Capacity - 10xlarge","Instance Capacity - 12xlarge","Instance Capacity - 16xlarge","Instance Capacity - 18xlarge","Instance Capacity - 24xlarge","Instance Capacity - 2xlarge","Instance Capacity - 32xlarge","Instance Capacity - 4xlarge","Instance Capacity - 8xlarge","Instance Capacity - 9xlarge","Instance Capacity - large","Instance Capacity - medium","Instance Capacity - metal","Instance Capacity - xlarge","instanceSKU","Intel AVX2 Available","Intel AVX Available","Intel Turbo Available","MarketOption","Normalization Size Factor","Physical Cores","Pre Installed S/W","Processor Features","Product Type","Region Code","Resource Type","serviceName","SnapshotArchiveFeeType","To Region Code","Volume API Name","VPCNetworkingSupport"';
const COLUMNS = HEADER_LINE.split(",").map((c) => c.slice(1, -1));
const AT = new Map(COLUMNS.map((name, i) => [name, i]));

const PREAMBLE = [
  '"FormatVersion","v1.0"',
  '"Disclaimer","This pricing list is for informational purposes only. All prices are subject to the additional terms included in the pricing pages on http://aws.amazon.com. All Free Tier prices are also subject to the terms included at https://aws.amazon.com/free/"',
  '"Publication Date","2026-11-20T18:02:11Z"',
  '"Version","20261120180211"',
  '"OfferCode","AmazonEC2"',
];
/** GPU families: type, GPUs, vCPU, memory GiB, instance price in 1/10000 USD, GPU memory text. */
const GPU_TYPES: [string, number, number, number, number, string][] = [
  ["p5.48xlarge", 8, 192, 2048, 550_400, "640 GB"], ["p5e.48xlarge", 8, 192, 2048, 620_000, "1128 GB"], ["p4d.24xlarge", 8, 96, 1152, 327_726, "320 GB"],
  ["g6.xlarge", 1, 4, 16, 8_048, "24 GB"], ["g6.12xlarge", 4, 48, 192, 46_016, "96 GB"], ["g5.xlarge", 1, 4, 16, 10_060, "24 GB"], ["g5.48xlarge", 8, 192, 768, 162_880, "192 GB"],
  ["g6e.xlarge", 1, 4, 32, 18_610, "48 GB"], ["g4dn.xlarge", 1, 4, 16, 5_260, "16 GB"], ["trn1.32xlarge", 0, 128, 512, 215_000, "NA"], ["inf2.xlarge", 0, 4, 16, 7_582, "NA"],
];
const CPU_TYPES = ["m5", "m6i", "m7i", "c5", "c6i", "c7i", "r5", "r6i", "r7i", "t3", "t3a", "m6a", "c6a", "r6a", "x2iedn", "i4i", "z1d"];
const SIZES: [string, number][] = [["large", 2], ["xlarge", 4], ["2xlarge", 8], ["4xlarge", 16], ["8xlarge", 32], ["16xlarge", 64], ["metal", 96]];
const OS = ["Linux", "Linux", "Linux", "Windows", "RHEL", "SUSE", "Red Hat Enterprise Linux with HA"];
const TENANCY = ["Shared", "Shared", "Dedicated", "Host"];
const SOFTWARE = ["NA", "NA", "NA", "SQL Web", "SQL Std"];
const CAPACITY = ["Used", "Used", "UnusedCapacityReservation", "AllocatedCapacityReservation"];

function csvLine(cells: string[]): string {
  return cells.map((v) => (v === "" ? "" : `"${v.replaceAll('"', '""')}"`)).join(",");
}

function sku(rng: Rng): string {
  const chars = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let s = "";
  for (let i = 0; i < 16; i++) s += chars[int(rng, 0, chars.length - 1)];
  return s;
}

function row(rng: Rng, gpu: boolean): string {
  const cells: string[] = new Array<string>(COLUMNS.length).fill("");
  const set = (name: string, value: string) => {
    const i = AT.get(name);
    if (i !== undefined) cells[i] = value;
  };
  let type: string, gpus: number, vcpu: number, mem: number, price: number, gpuMem: string;
  if (gpu) [type, gpus, vcpu, mem, price, gpuMem] = pick(rng, GPU_TYPES);
  else {
    const [size, n] = pick(rng, SIZES);
    [type, gpus, vcpu, mem, price, gpuMem] = [`${pick(rng, CPU_TYPES)}.${size}`, 0, n, n * 4, n * int(rng, 200, 700), "NA"];
  }
  const reserved = chance(rng, 0.6);
  const os = pick(rng, OS);
  const id = sku(rng);
  const term = reserved ? pick(rng, ["4NA7Y494T4", "NQ3QZPMQV9", "6QCMYABX3D"]) : "JRTCKXETXF";
  const hourly = reserved ? Math.round(price * (0.4 + rng() * 0.3)) : price;
  set("SKU", id); set("OfferTermCode", term); set("RateCode", `${id}.${term}.6YS6EN2CT7`);
  set("TermType", reserved ? "Reserved" : "OnDemand");
  set("PriceDescription", `$${decimalText(hourly * 1_000_000, 10)} per On Demand ${os} ${type} Instance Hour`);
  set("EffectiveDate", "2026-11-01"); set("StartingRange", "0"); set("EndingRange", "Inf"); set("Unit", "Hrs");
  set("PricePerUnit", decimalText(hourly * 1_000_000, 10)); set("Currency", "USD");
  if (reserved) {
    set("LeaseContractLength", pick(rng, ["1yr", "3yr"])); set("PurchaseOption", pick(rng, ["No Upfront", "Partial Upfront", "All Upfront"]));
    set("OfferingClass", pick(rng, ["standard", "convertible"]));
  }
  set("Product Family", "Compute Instance"); set("serviceCode", "AmazonEC2"); set("Location", "US East (N. Virginia)"); set("Location Type", "AWS Region");
  set("Instance Type", type); set("Current Generation", "Yes"); set("Instance Family", gpu ? "GPU instance" : "General purpose"); set("vCPU", String(vcpu));
  set("Physical Processor", pick(rng, ["Intel Xeon Platinum 8375C (Ice Lake)", "AMD EPYC 7R13 Processor", "AWS Graviton3 Processor"])); set("Clock Speed", "3.5 GHz");
  set("Memory", `${mem} GiB`); set("Storage", "EBS only"); set("Network Performance", "Up to 12500 Megabit"); set("Processor Architecture", "64-bit");
  set("Tenancy", pick(rng, TENANCY)); set("EBS Optimized", "Yes"); set("Operating System", os); set("License Model", "No License required");
  set("usageType", `BoxUsage:${type}`); set("operation", "RunInstances"); set("CapacityStatus", pick(rng, CAPACITY)); set("ClassicNetworkingSupport", "false");
  set("Dedicated EBS Throughput", "Up to 10000 Mbps"); set("ECU", "NA"); set("Enhanced Networking Supported", "Yes"); set("GPU", gpus > 0 ? String(gpus) : "NA");
  set("GPU Memory", gpuMem); set("instanceSKU", sku(rng)); set("Intel AVX2 Available", "Yes"); set("Intel AVX Available", "Yes"); set("Intel Turbo Available", "Yes");
  set("MarketOption", "OnDemand"); set("Normalization Size Factor", String(vcpu / 2)); set("Physical Cores", String(vcpu / 2)); set("Pre Installed S/W", pick(rng, SOFTWARE));
  set("Processor Features", "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo"); set("Region Code", "us-east-1"); set("serviceName", "Amazon Elastic Compute Cloud");
  set("VPCNetworkingSupport", "true");
  return csvLine(cells);
}

/**
 * The price list as text chunks of about `chunkBytes`, until at least `targetBytes` (counted in UTF-16 code
 * units, which equal bytes here: the generator writes ASCII only). Streams: nothing is held but one chunk.
 */
export function* awsPriceListChunks(opts: { seed: number; targetBytes: number; chunkBytes?: number }): Generator<string> {
  const rng = mulberry32(opts.seed);
  const chunkBytes = opts.chunkBytes ?? 1 << 20;
  let chunk = PREAMBLE.join("\n") + "\n" + HEADER_LINE + "\n";
  let written = 0;
  while (written + chunk.length < opts.targetBytes) {
    chunk += row(rng, chance(rng, 0.03)) + "\n";
    if (chunk.length >= chunkBytes) {
      written += chunk.length;
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}
