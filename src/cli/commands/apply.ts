import type { Command } from '../command';
import { OktaOuError } from '../../errors';

// Placeholder until its issue lands; replaced by the real command.
export const applyCommand: Command = {
  name: 'apply',
  summary: '(not yet available)',
  usage: 'Usage: okta-ou apply',
  options: {},
  async run() {
    throw new OktaOuError('NOT_IMPLEMENTED', 'apply is not available yet');
  },
};
