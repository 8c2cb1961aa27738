/**
 * The `tmd` command. Each subcommand lives in `commands/<name>.ts` and exports
 * `register(program)`. This file wires them up and turns user mistakes into one line per
 * problem with exit code 2; anything else is a bug and prints its stack trace (exit 1).
 */
import { Command, CommanderError } from 'commander';
import { UserError, formatProblem } from '../errors.js';
import { commands } from './commands/index.js';

// Debug-only argument checks read a build-time constant (esbuild/vitest `define`); when the
// sources run unbundled (tsx), it is not defined: debug checks off.
(globalThis as { DEBUG?: boolean }).DEBUG ??= false;

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('tmd')
    .description('tmdsim: open theater missile defense simulation and analysis')
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error:') ? `tmd: ${s.slice(7)}` : s),
    });
  for (const register of commands) register(program);
  // Every subcommand reports its mistakes the same way as the root.
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error:') ? `tmd ${sub.name()}: ${s.slice(7)}` : s),
    });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version "errors" are successful exits
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UserError) {
      for (const p of e.problems) process.stderr.write(`tmd: ${formatProblem(p)}\n`);
      return 2;
    }
    throw e;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
