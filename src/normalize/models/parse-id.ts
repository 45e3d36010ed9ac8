// Splits a raw model id as sources write it into author, name, naming namespaces and ':' variant (pure string work).
import type { CatalogData } from "./catalog.ts";

/**
 * The comparison key of a model name: lowercase, spaces to "-", and the decimal spellings sources use
 * unified to a dot: fireworks "4p5", bedrock "3-3" (between single digits), OVH "3_3".
 */
export function nameKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "-")
    .replace(/(\d)p(\d)/g, "$1.$2")
    .replace(/(\d)_(\d)/g, "$1.$2")
    .replace(/(?<![\d.])(\d)-(\d)(?=-|$)/g, "$1.$2");
}

export type ParsedId =
  | {
      ok: true;
      author: string | null;
      name: string;
      /** Whose naming the id follows, strongest first: its route prefix (LiteLLM `groq/`), the source, the provider. */
      namespaces: string[];
      variants: string[];
      notes: string[];
    }
  | { ok: false; reason: string };

const BEDROCK_VERSION = /(-v\d+|-\d+)?:\d+$/;
const REGION_SEGMENT = /^[a-z]{2}(-gov)?-[a-z]+-\d+$/;
const DOTTED_VENDOR = /^(?:(?:us|eu|apac|ap|global|jp|au|ca|us-gov)\.)?([a-z0-9-]+)\.(.+)$/;

const authorSets = new WeakMap<CatalogData, Set<string>>();

function knownAuthors(data: CatalogData): Set<string> {
  let authors = authorSets.get(data);
  if (authors === undefined) {
    authors = new Set<string>([...Object.keys(data.authorAliases), ...Object.values(data.authorAliases)]);
    for (const model of data.models) authors.add(model.id.slice(0, model.id.indexOf("/")));
    authorSets.set(data, authors);
  }
  return authors;
}

/** Strip route prefixes (`together_ai/`, `accounts/fireworks/models/`, `bedrock/us-east-1/`); returns the first provider. */
function stripRoutePrefixes(segments: string[], data: CatalogData, notes: string[]): string | null {
  let provider: string | null = null;
  const multi = Object.keys(data.routePrefixes).filter((k) => k.includes("/"));
  for (let stripped = true; stripped && segments.length > 1; ) {
    stripped = false;
    const head = segments[0]!.toLowerCase();
    const multiHit = multi.find((p) => segments.slice(0, p.split("/").length).join("/").toLowerCase() === p);
    const prefix = multiHit ?? (data.routePrefixes[head] !== undefined ? head : null);
    const width = multiHit ? multiHit.split("/").length : 1;
    if (prefix !== null && segments.length > width) {
      provider ??= data.routePrefixes[prefix] ?? null;
      notes.push(`route prefix '${prefix}/'`);
      segments.splice(0, width);
      stripped = true;
    } else if (REGION_SEGMENT.test(head) && segments.length > 1) {
      notes.push(`region segment '${head}/'`);
      segments.splice(0, 1);
      stripped = true;
    }
  }
  return provider;
}

export interface IdContext {
  /** The provider serving or listing the model ("deepseek", "groq", "alibaba"...). */
  provider?: string | undefined;
  /** The source the id was read from ("openrouter-endpoints", "litellm"...), mapped by `sourceNamespaces`. */
  source?: string | undefined;
}

/** Parse one raw id in its context. */
export function parseModelId(raw: string, data: CatalogData, context: IdContext = {}): ParsedId {
  let text = raw.trim();
  if (text === "") return { ok: false, reason: "empty model id" };
  if (text.startsWith("~")) return { ok: false, reason: "router alias ('~' prefix): routes to the latest model, not a fixed product" };
  const notes: string[] = [];
  const variants: string[] = [];
  if (BEDROCK_VERSION.test(text)) {
    notes.push(`version suffix '${text.match(BEDROCK_VERSION)![0]}' dropped`);
    text = text.replace(BEDROCK_VERSION, "");
  }
  const colon = text.lastIndexOf(":");
  if (colon >= 0) {
    const suffix = text.slice(colon + 1).toLowerCase();
    text = text.slice(0, colon);
    if (data.colonVariants.includes(suffix)) {
      variants.push(suffix);
      notes.push(`':${suffix}' is a separate product variant`);
    } else if (data.providerSelectors.includes(suffix)) {
      notes.push(`provider selector ':${suffix}' ignored`);
    } else {
      return { ok: false, reason: `unknown ':${suffix}' suffix` };
    }
  }
  const segments = text.split("/").filter((s) => s !== "");
  const routed = stripRoutePrefixes(segments, data, notes);
  if (segments.length === 0 || segments.length > 2) return { ok: false, reason: `unexpected path '${text}'` };
  let author: string | null = segments.length === 2 ? segments[0]!.toLowerCase() : null;
  let name = segments[segments.length - 1]!.toLowerCase();
  const dotted = author === null ? name.match(DOTTED_VENDOR) : null;
  if (dotted && knownAuthors(data).has(dotted[1]!)) {
    author = dotted[1]!;
    name = dotted[2]!;
    notes.push(`vendor-dotted id (author '${author}')`);
  }
  const namespaces: string[] = [];
  const add = (ns: string | null | undefined) => {
    if (ns !== null && ns !== undefined && ns !== "" && !namespaces.includes(ns)) namespaces.push(ns);
  };
  add(routed);
  for (const [prefix, prov] of Object.entries(data.namePrefixes)) {
    if (name.startsWith(prefix)) {
      name = name.slice(prefix.length);
      add(prov);
      notes.push(`name prefix '${prefix}' dropped`);
    }
  }
  const source = context.source?.trim().toLowerCase();
  if (source) add(data.sourceNamespaces[source]);
  const provider = context.provider?.trim().toLowerCase();
  if (provider) add(data.routePrefixes[provider] ?? provider);
  return { ok: true, author, name, namespaces, variants, notes };
}
