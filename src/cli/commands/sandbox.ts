import type { Command } from '../command';
import { OktaOuError } from '../../errors';

// Placeholder until its issue lands; replaced by the real command.
export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: '(not yet available)',
  usage: 'Usage: okta-ou sandbox',
  options: {},
  async run() {
    throw new OktaOuError('NOT_IMPLEMENTED', 'sandbox is not available yet');
  },
};
