// Entry of the `cpi` CLI: dispatches to one command module and turns errors into a clear message.
import { commands } from "./commands.ts";
import { processIo, type CliIo } from "./io.ts";

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.out("usage: cpi <command> [args]\n");
    for (const [cmd, entry] of Object.entries(commands)) io.out(`  ${cmd.padEnd(10)} ${entry.summary}`);
    return name ? 0 : 1;
  }
  const entry = commands[name];
  if (!entry) {
    io.err(`cpi: unknown command "${name}" (try: cpi help)`);
    return 2;
  }
  try {
    const mod = await entry.load();
    return await mod.run(rest, io);
  } catch (error) {
    io.err(`cpi ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
