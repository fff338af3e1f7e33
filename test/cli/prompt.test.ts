import { PassThrough } from 'node:stream';
import { ask } from '../../src/cli/main';

describe('the confirmation prompt', () => {
  const streams = (): { input: PassThrough; output: PassThrough } => ({ input: new PassThrough(), output: new PassThrough() });

  test('returns the line typed', async () => {
    const { input, output } = streams();
    const answer = ask('Apply? ', input, output);
    input.write('yes\n');
    await expect(answer).resolves.toBe('yes');
  });

  test('Ctrl-D (end of input) answers "" — not "yes", so apply cancels with exit 1', async () => {
    const { input, output } = streams();
    const answer = ask('Apply? ', input, output);
    input.end();
    await expect(answer).resolves.toBe('');
  });
});
