// Source mirrors: a source's upstream URLs mapped onto a mirror base (air-gapped installs, the replay tests).
//
// https://openrouter.ai/api/v1/models under the base http://mirror.internal/cpi is fetched as
// http://mirror.internal/cpi/openrouter.ai/api/v1/models. The mirror is transport, like a proxy: captures keep
// the upstream URL, so parsers, pagination and `cpi verify` see the same capture whichever way the bytes came.

export interface MirrorSettings {
  /** Base for every source, or null. */
  base: string | null;
  /** Per-source bases (source id -> base); they win over `base`. */
  perSource: Record<string, string>;
}

export interface UrlMapper {
  /** The URL to fetch for `url` of `sourceId` (unchanged when no mirror applies or it is already mirrored). */
  toMirror(sourceId: string, url: string): string;
  /** The upstream URL for a URL that points into the source's mirror (e.g. a mirror's NextPageLink). */
  fromMirror(sourceId: string, url: string): string;
}

const trimSlash = (base: string) => base.replace(/\/+$/, "");

export const NO_MIRROR: UrlMapper = { toMirror: (_s, url) => url, fromMirror: (_s, url) => url };

export function createUrlMapper(settings: MirrorSettings): UrlMapper {
  const baseOf = (sourceId: string): string | null => {
    const b = settings.perSource[sourceId] ?? settings.base;
    return b ? trimSlash(b) : null;
  };
  const inside = (base: string, url: string) => url.startsWith(`${base}/`);
  return {
    toMirror(sourceId, url) {
      const base = baseOf(sourceId);
      if (base === null || inside(base, url)) return url;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return url; // the fetcher reports the invalid URL
      }
      // The host (with port) becomes the first path segment; path and query are kept byte for byte.
      const rest = url.slice(url.indexOf(parsed.host) + parsed.host.length);
      return `${base}/${parsed.host}${rest}`;
    },
    fromMirror(sourceId, url) {
      const base = baseOf(sourceId);
      if (base === null || !inside(base, url)) return url;
      return `https://${url.slice(base.length + 1)}`;
    },
  };
}

/** Parses "id=base,id2=base2" (the CPI_SOURCE_MIRRORS setting); throws with the offending entry. */
export function parseMirrorMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of text.split(",").map((e) => e.trim()).filter((e) => e !== "")) {
    const eq = entry.indexOf("=");
    if (eq <= 0) throw new Error(`"${entry}" is not source-id=base-url`);
    out[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  return out;
}
