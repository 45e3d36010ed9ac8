// The README documents every setting, source and command: a new one without documentation fails here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigSchema } from "../../src/config.ts";
import { allSources } from "../../src/sources/registry.ts";
import { commands } from "../../src/cli/commands.ts";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("shows the two commands", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
  });
  it("links the multi-node deployment guide, which states the takeover bound", () => {
    expect(readme).toContain("(docs/deployment.md)");
    const guide = readFileSync(new URL("../../docs/deployment.md", import.meta.url), "utf8");
    expect(guide).toMatch(/### Takeover bound/);
    for (const setting of ["CPI_ROLE", "CPI_LEADER_RETRY_MS", "CPI_DB_READ_URL"]) expect(guide).toContain(`\`${setting}\``);
  });
  it.each(Object.keys(ConfigSchema.shape))("documents the setting %s", (name) => {
    expect(readme).toContain(`\`${name}\``);
  });
  it.each(allSources.map((s) => s.id))("documents the source %s", (id) => {
    expect(readme).toContain(`| \`${id}\` |`);
  });
  it.each(allSources.filter((s) => s.requiresKey).map((s) => s.requiresKey!.env))("documents the key variable %s", (env) => {
    expect(readme).toContain(`\`${env}\``);
  });
  it.each(Object.keys(commands))("documents the command %s", (name) => {
    expect(readme).toMatch(new RegExp(`\\| \`${name}[ \`]`));
  });
});
