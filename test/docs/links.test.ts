// Every relative link in the documents resolves (file, and heading anchor in a Markdown target); the governance
// file names only code and tests that exist; the IOSCO self-assessment covers principles 1..19 exactly once.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function markdownUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(dir, name));
}

const DOCS = ["README.md", ...markdownUnder("methodology"), ...markdownUnder("docs")];
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
/** Fenced blocks and inline code are not links. */
const prose = (md: string) => md.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of md.replace(/^```[\s\S]*?^```/gm, "").split("\n")) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function links(path: string): { target: string; anchor: string | null }[] {
  const found: { target: string; anchor: string | null }[] = [];
  for (const m of prose(read(path)).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const href = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("/")) continue; // external, or a path the server answers
    const [file, anchor] = href.split("#") as [string, string | undefined];
    found.push({ target: file === "" ? path : relative(ROOT, resolve(ROOT, dirname(path), decodeURI(file))), anchor: anchor ?? null });
  }
  return found;
}

describe("relative links", () => {
  it.each(DOCS)("%s links only to files and headings that exist", (path) => {
    const broken: string[] = [];
    for (const { target, anchor } of links(path)) {
      const abs = join(ROOT, target);
      if (!existsSync(abs)) broken.push(`${target}: no such file`);
      else if (anchor && target.endsWith(".md") && statSync(abs).isFile() && !anchors(read(target)).has(anchor)) broken.push(`${target}#${anchor}: no such heading`);
    }
    expect(broken).toEqual([]);
  });

  it("computes GitHub's anchors", () => {
    expect([...anchors("# First-party list-price series (`-LIST`)\n## A b\n## A b\n")]).toEqual(["first-party-list-price-series--list", "a-b", "a-b-1"]);
  });
});

describe("the governance file", () => {
  const governance = markdownUnder("methodology/governance");

  it.each(governance)("%s names only code, tests and files that exist", (path) => {
    const named = [...read(path).matchAll(/`((?:src|test|methodology|docs|data|scripts)\/[\w./-]+?\.(?:ts|js|json|md|html|css))`/g)].map((m) => m[1]!);
    expect(named.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it("its README lists every document of the folder", () => {
    const linked = new Set(links("methodology/governance/README.md").map((l) => l.target));
    expect(governance.filter((p) => !p.endsWith("README.md") && !linked.has(p))).toEqual([]);
  });

  it("the IOSCO self-assessment rates principles 1 to 19 once each, with evidence for every one met or partly met", () => {
    const rows = read("methodology/governance/iosco-self-assessment.md")
      .split("\n")
      .map((line) => /^\|\s*(\d+)\s*\|([^|]*)\|\s*\**(met|partly|not met)\**\s*\|(.*)\|\s*$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(rows.map((m) => Number(m[1])).sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    for (const m of rows) if (m[3] !== "not met") expect(m[4], `principle ${m[1]}: evidence links`).toMatch(/\]\([^)]+\)/);
    // The tally sentence says what the table says.
    const by = (status: string) => rows.filter((m) => m[3] === status).map((m) => m[1]).join(", ");
    const tally = `met ${by("met").split(", ").length} (${by("met")}); partly ${by("partly").split(", ").length} (${by("partly")}); not met ${by("not met").split(", ").length} (${by("not met")}).`;
    expect(read("methodology/governance/iosco-self-assessment.md")).toContain(tally);
  });
});
