// Public surface of the hardware taxonomy: the GPU classifier, provider canonicalization and taxonomy lookups.
export { classifyGpu, type Classification, type GpuDescriptor } from "./classify.ts";
export { canonicalProvider, providerDirectory, providerInfo, type Provider } from "./providers.ts";
export { classesOfModel, hardwareClass, tagsOf, taxonomy, type HardwareClass, type HardwareTags } from "./taxonomy.ts";
