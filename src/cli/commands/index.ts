/** The list of `tmd` subcommands, in the order `tmd --help` shows them. */
import type { Command } from 'commander';

export type Register = (program: Command) => void;

export const commands: Register[] = [];
