/** The pure parts of `plan --base-mappings`: one desired state to read Okta for, and the split of the changes. */
import { splitPrEffect } from '../../src/gitops';
import { desiredForBoth } from '../../src/plan/union-desired';
import { aDesiredDirectory, aDesiredState } from '../support/builders';
import { aCreate, anOuUpdate, aPlan } from '../support/plan-fixtures';

describe('desiredForBoth', () => {
  test('every directory of either side; in a shared one, the groups either names (the head’s first)', () => {
    const head = aDesiredState(aDesiredDirectory('corp').withGroup('Engineering', 'OU=Eng').withGroup('Sales', 'OU=Sales'), aDesiredDirectory('new'));
    const base = aDesiredState(aDesiredDirectory('corp').withGroup('Engineering', 'OU=Old').withGroup('Legacy', 'OU=Legacy'), aDesiredDirectory('gone'));
    const both = desiredForBoth(head, base);
    expect(both.directories.map((d) => d.name)).toEqual(['corp', 'new', 'gone']);
    expect(both.directories[0]!.groups.map((g) => `${g.group} ${g.ou}`)).toEqual(['Engineering OU=Eng', 'Sales OU=Sales', 'Legacy OU=Legacy']);
  });

  test('import OUs: the head’s, or the base’s when the head declares none (so the read still fetches the evidence)', () => {
    const head = aDesiredState(aDesiredDirectory('corp').withImportOUs());
    const base = aDesiredState(aDesiredDirectory('corp').withImportOUs('OU=Employees,DC=corp'));
    expect(desiredForBoth(head, base).directories[0]!.importOUs.map((i) => i.dn)).toEqual(['OU=Employees,DC=corp']);
  });
});

describe('splitPrEffect', () => {
  const drift = anOuUpdate('corp', '00g-ENG', 'Engineering', 'ou=moved', 'ou=eng', 0, 3);
  const prChange = aCreate('corp', '00g-SAL', 'Sales', 'ou=sales', 1, 2);

  test('shared changes are drift already there; the head’s own are the pull request’s; the base’s own are drift it replaces', () => {
    const accepted = anOuUpdate('corp', '00g-FIN', 'Finance', 'ou=x', 'ou=fin', 2);
    const effect = splitPrEffect(aPlan([drift, accepted]), aPlan([drift, prChange]));
    expect(effect).toEqual({ introduced: [prChange], existing: [drift], replaced: [accepted] });
  });

  test('member counts and wording do not make a change different; its before or after does', () => {
    const sameButCounted = { ...drift, members: 99, reason: 'other words' };
    expect(splitPrEffect(aPlan([drift]), aPlan([sameButCounted])).existing).toEqual([sameButCounted]);
    const otherTarget = anOuUpdate('corp', '00g-ENG', 'Engineering', 'ou=moved', 'ou=engineering', 0, 3);
    expect(splitPrEffect(aPlan([drift]), aPlan([otherTarget]))).toEqual({ introduced: [otherTarget], existing: [], replaced: [drift] });
  });
});
