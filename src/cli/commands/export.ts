import type { Command } from '../command';
import { OktaOuError } from '../../errors';

// Placeholder until its issue lands; replaced by the real command.
export const exportCommand: Command = {
  name: 'export',
  summary: '(not yet available)',
  usage: 'Usage: okta-ou export',
  options: {},
  async run() {
    throw new OktaOuError('NOT_IMPLEMENTED', 'export is not available yet');
  },
};
