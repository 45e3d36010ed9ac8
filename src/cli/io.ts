// What a command may touch: its arguments, output streams and environment. Tests pass fakes.
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock commands read (tests pass a fixed one); absent means the system clock. */
  now?: () => Date;
}

/** The command's clock: the one seam through which any command reads the time. */
export function clockOf(io: CliIo): () => Date {
  return io.now ?? (() => new Date());
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
  env: process.env,
  cwd: process.cwd(),
};

/** Split `--name value` / `--name=value` / `--flag` options from positional arguments. */
export function parseArgs(args: string[]): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    if (eq > 0) {
      options[arg.slice(2, eq)] = arg.slice(eq + 1);
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      options[arg.slice(2)] = next;
      i++;
    } else {
      options[arg.slice(2)] = true;
    }
  }
  return { positional, options };
}
