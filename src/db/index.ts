// The storage entry point: pick a backend by URL/path; today SQLite (embedded default).
export type * from "./types.ts";
export { openStore, openReadStore } from "./sqlite/store.ts";
