// The conformance readers and the classifier over the project's own small captures in each GPU source format.
import { describe, expect, it } from "vitest";
import { classifyGpu } from "../../src/normalize/hardware/index.ts";
import { fixturePath } from "../helpers/shared.ts";
import * as read from "./hardware-readers.ts";
import type { NamedRow } from "./hardware-readers.ts";

function classes(rows: NamedRow[]): (string | null)[] {
  return rows.map(({ descriptor }) => {
    const c = classifyGpu(descriptor);
    return c.classified ? c.classId : c.notGpu ? "not-a-gpu" : null;
  });
}

describe("hardware classifier on test/fixtures/hardware", () => {
  it("reads a Vast SkyPilot catalog (GpuInfo totals)", () => {
    expect(classes(read.skypilot(fixturePath("hardware", "v6_vast_sample.csv")))).toEqual([
      "h100-sxm-80gb", "h100-nvl-94gb", "h200-sxm-141gb", "rtx2080ti-11gb", null,
    ]);
  });
  it("reads a Lambda SkyPilot catalog", () => {
    expect(classes(read.skypilot(fixturePath("hardware", "v8_lambda_sample.csv")))).toEqual([
      "a100-pcie-40gb", "a100-sxm-40gb", "h100-sxm-80gb", "gh200-96gb", null,
    ]);
  });
  it("reads Azure retail items", () => {
    expect(classes(read.azureReshaped(fixturePath("hardware", "azure_retail_sample.json")))).toEqual([
      "h100-sxm-80gb", "h100-nvl-94gb", "a100-sxm-80gb", "a100-sxm-40gb", "a100-pcie-80gb", "gb200-nvl72",
    ]);
  });
  it("reads RunPod gpuTypes", () => {
    expect(classes(read.runpodGpuTypes(fixturePath("hardware", "runpod_gpuTypes_sample.json")))).toEqual([
      "h100-sxm-80gb", "h100-pcie-80gb", "h100-nvl-94gb", "a100-sxm-80gb", "mi300x-192gb", "rtx6000ada-48gb", null,
    ]);
  });
  it("reads GCP billing SKUs and skips licence lines", () => {
    expect(classes(read.gcpBilling(fixturePath("hardware", "gcp_billing_sample.json")))).toEqual([
      "h100-sxm-80gb", "a100-sxm-40gb", "a100-sxm-80gb", "not-a-gpu", "l4-24gb",
    ]);
  });
});
