import { invalidDn } from '../../../src/plan/lints/invalid-dn';
import { aDesiredDirectory, aDesiredState } from '../../support/builders';

const C = 'DC=corp,DC=example,DC=com';

describe('INVALID_DN over many groups sharing OUs (each distinct OU text parsed once per run)', () => {
  it('reports every group whose OU is bad, at its own line and with its own name, whichever group met the OU first (its ou: line)', () => {
    const dir = aDesiredDirectory()
      .withGroup('A', `OU=Sales,${C}`)
      .withGroup('B', 'OU=Sales,DC=corp,')
      .withGroup('C', `OU=Sales,${C}`)
      .withGroup('D', 'OU=Sales,DC=corp,')
      .withGroup('E', 'OU=Sales');
    const findings = invalidDn.check({ desired: aDesiredState(dir) });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [24, 'OU "OU=Sales,DC=corp," of group "B" is not a valid DN: the DN ends with a comma (at character 17)'],
      [30, 'OU "OU=Sales,DC=corp," of group "D" is not a valid DN: the DN ends with a comma (at character 17)'],
      [33, 'OU "OU=Sales" of group "E" has no domain components (DC=…), so it is not a full DN'],
    ]);
    // A second run of the lint gives the same findings (nothing kept from the first run changes them).
    expect(invalidDn.check({ desired: aDesiredState(dir) })).toEqual(findings);
  });
});
