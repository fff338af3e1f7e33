/**
 * A dense list (priorities 0..5) where G4 goes to the top and G1 and G0 swap below it: a cycle with no
 * free slot between them, so apply parks one group (writes it twice: a temporary slot, then its own).
 */
import type { OrgSeed } from '../../../src/sandbox/types';
import { APP, EMP, corpApp, ou } from './orgs';

const GROUPS = ['G0', 'G1', 'G2', 'G3', 'G4', 'G5'];
const FILE_ORDER = ['G4', 'G1', 'G0', 'G2', 'G3', 'G5'];

export const parkingOrg: OrgSeed = {
  users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'L' }],
  groups: GROUPS.map((name) => ({ name, members: ['ada@example.com'] })),
  apps: [corpApp(GROUPS.map((group, priority) => ({ group, priority, profile: { organizationalUnit: ou(group.toLowerCase()) } })))],
};

export const parkingYaml = `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    groups:
${FILE_ORDER.map((g) => `      - { group: ${g}, ou: "OU=${g},${EMP}" }`).join('\n')}
`;
