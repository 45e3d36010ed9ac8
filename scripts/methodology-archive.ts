// `npm run methodology:archive [-- --announced D --effective D --summary S]`: archive methodology/indices.json into methodology/versions.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { archiveCurrent } from "../src/jobs/methodologies.ts";

const { values } = parseArgs({ options: { announced: { type: "string" }, effective: { type: "string" }, summary: { type: "string" } } });
const indices = fileURLToPath(new URL("../methodology/indices.json", import.meta.url));
const { version, sha256 } = archiveCurrent(indices, undefined, values);
console.log(`archived methodology ${version}: versions/${version}.json sha256 ${sha256}`);
