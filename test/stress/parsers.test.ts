// Hostile input (long variant): 1500 arbitrary inputs and 4500 mutated fixtures per source parser, another seed.
import { parserSuite } from "../reliability/harness/parsers.ts";

parserSuite(1500, Number(process.env.CPI_PARSER_SEED ?? 777));
