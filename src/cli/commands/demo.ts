import type { Command } from '../command';
import { OktaOuError } from '../../errors';

// Placeholder until its issue lands; replaced by the real command.
export const demoCommand: Command = {
  name: 'demo',
  summary: '(not yet available)',
  usage: 'Usage: okta-ou demo',
  options: {},
  async run() {
    throw new OktaOuError('NOT_IMPLEMENTED', 'demo is not available yet');
  },
};
