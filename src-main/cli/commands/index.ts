/** Every command the command line knows, in the order `--help` lists them. */
import type { Command } from '../context';
import { backup } from './backup';
import { calendarCommand } from './calendar';
import { check } from './check';
import { exportCommand } from './export';
import { importCommand } from './import';
import { restore } from './restore';

export const commands: Command[] = [backup, restore, check, importCommand, exportCommand, calendarCommand];
