import type { Command } from '../command';
import { validateCommand } from './validate';
import { planCommand } from './plan';
import { applyCommand } from './apply';
import { showCommand } from './show';
import { exportCommand } from './export';
import { sandboxCommand } from './sandbox';
import { demoCommand } from './demo';
import { scopesCommand } from './scopes';
import { ciCommand } from './ci';
import { explainCommand } from './explain';
import { doctorCommand } from './doctor';

export const commands: Command[] = [
  validateCommand,
  planCommand,
  applyCommand,
  explainCommand,
  showCommand,
  exportCommand,
  sandboxCommand,
  scopesCommand,
  doctorCommand,
  ciCommand,
  demoCommand,
];
