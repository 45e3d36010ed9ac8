// Hostile input (fast variant): every source parser, fed arbitrary bytes and mutated fixtures, keeps its contract.
import { parserSuite } from "./harness/parsers.ts";

parserSuite(60);
