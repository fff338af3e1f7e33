import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDesired } from '../../../src/config';
import { runLints } from '../../../src/plan/lints';
import { staticLints } from '../../../src/plan/lints/static';
import type { Lint } from '../../../src/plan/lints/types';

const badRoot = path.resolve(__dirname, '../../fixtures/bad');

describe('static lints', () => {
  test('over the whole bad-input corpus, each lint reports only its own code at its declared severity, and each reports something', async () => {
    const byLint = new Map<Lint, number>();
    const off: string[][] = [];
    for (const name of fs.readdirSync(badRoot).sort()) {
      const { desired } = await readDesired(path.join(badRoot, name), badRoot);
      for (const lint of staticLints) {
        const found = lint.check({ desired });
        byLint.set(lint, (byLint.get(lint) ?? 0) + found.length);
        for (const f of found) if (f.code !== lint.code || f.severity !== lint.severity) off.push([name, lint.code, f.code, f.severity]);
      }
    }
    expect(off).toEqual([]);
    expect(staticLints.filter((l) => !byLint.get(l)).map((l) => l.code)).toEqual([]);
  });

  test('runLints runs exactly the static lints, whatever the context holds', async () => {
    const { desired } = await readDesired(path.join(badRoot, 'dn-mapped'), badRoot);
    expect(runLints({ desired })).toEqual(staticLints.flatMap((l) => l.check({ desired })));
    expect(runLints({ desired }).map((f) => f.code)).toEqual(['DN_MAPPED']);
  });
});
