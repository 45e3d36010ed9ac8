// Marks a price that covers the accelerator only (GCP-style attach price): the VM is billed on top.
export const ATTACH_PRICE_NOTE = "attach price: GPU only, VM extra";
