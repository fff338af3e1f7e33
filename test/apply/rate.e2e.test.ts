/**
 * 200 writes against the sandbox's 600/min `/api/v1/apps` bucket (Okta's published Workforce figure for
 * `/api/v1/apps/{id}`-family calls is lower, notes/okta-api.md §8): the governor paces them, so not a
 * single call is answered 429 and none fails. Creates go one at a time, deletes four at a time.
 */
import { cli, order, project, removeProjects, sandbox, type Sandbox } from './support/harness';
import { APP, EMP } from './support/orgs';

const CREATES = 120;
const DELETES = 80;
const KEPT = 70;

let sb: Sandbox;
afterAll(async () => {
  await sb?.close();
  removeProjects();
});

test('200 writes finish without a 429 or a failed call', async () => {
  const name = (i: number): string => `Team ${String(i).padStart(3, '0')}`;
  const total = CREATES + DELETES + KEPT;
  const existing = Array.from({ length: DELETES + KEPT }, (_, i) => i);
  sb = await sandbox({
    org: {
      users: [{ login: 'ada@example.com', firstName: 'Ada', lastName: 'L' }],
      groups: Array.from({ length: total }, (_, i) => ({ name: name(i), members: ['ada@example.com'] })),
      apps: [
        {
          label: APP,
          name: 'active_directory',
          namingContext: 'corp.example.com',
          importOUs: [EMP],
          assignments: existing.map((i) => ({ group: name(i), priority: i, profile: { organizationalUnit: `ou=t${i},ou=employees,dc=corp,dc=example,dc=com` } })),
        },
      ],
    },
    rateLimits: { '/api/v1/apps': 600 },
  });
  // Keep the first KEPT, drop the next DELETES, create the rest after them.
  const listed = [...Array.from({ length: KEPT }, (_, i) => i), ...Array.from({ length: CREATES }, (_, i) => DELETES + KEPT + i)];
  const cwd = project({
    'corp.yaml': `version: 1
directories:
  corp:
    app: ${APP}
    importOUs: ["${EMP}"]
    assignments: { mode: authoritative }
    groups:
${listed.map((i) => `      - { group: "${name(i)}", ou: "OU=T${i},${EMP}" }`).join('\n')}
`,
  });

  const r = await cli(sb, cwd, ['apply', '--auto-approve', '--force', '--format', 'json']);
  expect(r.code).toBe(0);
  const result = JSON.parse(r.stdout) as { requests: { sent: number }; verified: boolean; failed: unknown };
  expect(result).toEqual(expect.objectContaining({ requests: { sent: 200, total: 200 }, verified: true, failed: null }));

  const writes = sb.audit.filter((e) => e.method !== 'GET');
  expect(writes).toHaveLength(200);
  expect(sb.audit.filter((e) => e.status === 429 || e.status >= 500 || e.status === 0)).toEqual([]);
  expect(order(sb, APP)).toEqual(listed.map(name));
});
