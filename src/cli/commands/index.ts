/** The list of `tmd` subcommands, in the order `tmd --help` shows them. */
import type { Command } from 'commander';
import { register as validate } from './validate.js';
import { register as catalog } from './catalog.js';
import { register as atmosphere } from './atmosphere.js';
import { register as ballistic } from './ballistic.js';
import { register as guidance } from './guidance.js';
import { register as engage } from './engage.js';
import { register as trajectory } from './trajectory.js';
import { register as fly } from './fly.js';
import { register as runCmd } from './run.js';
import { register as simulateSensors } from './simulate-sensors.js';
import { register as track } from './track.js';
import { register as score } from './score.js';
import { register as wta } from './wta.js';
import { register as analytic } from './analytic.js';
import { register as campaign } from './campaign.js';
import { register as merge } from './merge.js';
import { register as sweep } from './sweep.js';
import { register as saturation } from './saturation.js';
import { register as footprint } from './footprint.js';
import { register as report } from './report.js';

export type Register = (program: Command) => void;

export const commands: Register[] = [runCmd, trajectory, fly, validate, catalog, atmosphere, ballistic, guidance, engage, simulateSensors, track, score, wta, analytic, campaign, merge, sweep, saturation, footprint, report];
