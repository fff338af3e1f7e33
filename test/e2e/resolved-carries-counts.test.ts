/**
 * A file's reference to an assigned group resolves to the directory's own group object, member count
 * included, when reading the org's group list (for names no assigned group answers) gave it that count.
 */
import { parseDesired } from '../../src/config';
import { readLive } from '../../src/live';
import { createOktaClient, resolveConnection } from '../../src/okta';
import type { OrgSeed } from '../../src/sandbox/types';
import { mappingFile, oktaEnv, seeded } from './helpers';

const EMP = 'OU=Employees,DC=corp,DC=example,DC=com';
const org: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' }],
  groups: [{ name: 'Engineering', members: ['ada@example.com'] }, { name: 'Unassigned', members: ['ada@example.com'] }, { name: 'Other' }],
  apps: [
    {
      label: 'corp.example.com',
      name: 'active_directory',
      namingContext: 'corp.example.com',
      importOUs: [EMP],
      assignments: [{ group: 'Engineering', priority: 0, profile: { organizationalUnit: `ou=engineering,${EMP.toLowerCase()}` } }],
    },
  ],
};

test('an assigned group counted by the group list is resolved with its count (the same object as in groups)', async () => {
  const sb = await seeded(org);
  const api = createOktaClient(resolveConnection(oktaEnv(sb)), { keepAliveTimeoutMs: 100 });
  try {
    const list = ['Engineering', 'Unassigned', 'Other'].map((g) => `      - group: ${g}\n        ou: OU=X,${EMP}\n`).join('');
    const { desired } = parseDesired([{ path: 'mappings/x.yaml', text: mappingFile(`  corp:\n    app: corp.example.com\n    importOUs: ["${EMP}"]\n    groups:\n${list}`) }]);
    const d = (await readLive(api, desired)).directories[0];
    const eng = sb.org.findGroup('Engineering')!;
    expect(d.groups[eng.id]).toMatchObject({ id: eng.id, name: 'Engineering', usersCount: 1 });
    expect(d.resolved.Engineering).toEqual([d.groups[eng.id]]);
    expect(d.resolved.Engineering[0]).toBe(d.groups[eng.id]);
  } finally {
    await api.close();
    await sb.close();
  }
});
