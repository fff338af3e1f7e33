import type { Command } from '../command';
import { OktaOuError } from '../../errors';

// Placeholder until its issue lands; replaced by the real command.
export const validateCommand: Command = {
  name: 'validate',
  summary: '(not yet available)',
  usage: 'Usage: okta-ou validate',
  options: {},
  async run() {
    throw new OktaOuError('NOT_IMPLEMENTED', 'validate is not available yet');
  },
};
