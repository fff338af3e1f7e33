import type { Command } from '../command';
import { OktaOuError } from '../../errors';

// Placeholder until its issue lands; replaced by the real command.
export const scopesCommand: Command = {
  name: 'scopes',
  summary: '(not yet available)',
  usage: 'Usage: okta-ou scopes',
  options: {},
  async run() {
    throw new OktaOuError('NOT_IMPLEMENTED', 'scopes is not available yet');
  },
};
