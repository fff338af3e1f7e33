import type { Command } from '../command';
import { OktaOuError } from '../../errors';

// Placeholder until its issue lands; replaced by the real command.
export const planCommand: Command = {
  name: 'plan',
  summary: '(not yet available)',
  usage: 'Usage: okta-ou plan',
  options: {},
  async run() {
    throw new OktaOuError('NOT_IMPLEMENTED', 'plan is not available yet');
  },
};
