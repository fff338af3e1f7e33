/**
 * Mapping properties checked against Okta's schemas, end to end against the local Okta over real HTTP: a
 * target the AD app user does not have (MAPPING_TARGET_UNKNOWN, with "did you mean" from AD's attribute
 * table) and a `user.<attr>` the user type does not have (MAPPING_SOURCE_UNKNOWN) are plan findings, so
 * apply stops with zero writes instead of failing on Okta's "Invalid target field". Exact schema reads.
 */
import { parsePlanJson } from '../../src/render/json';
import { callsByPath } from '../e2e/helpers';
import { oktaRequest, project, removeProjects, runAgainst, seeded, type Sandbox } from '../support/sandbox';
import { APP, corpYaml, userTypeOrg } from '../support/user-type-org';

const ORG = userTypeOrg({ schema: { badgeNumber: { title: 'Badge number' } } }, {
  mapping: { properties: { firstName: 'user.firstName' } },
  userTypeMappings: { contractor: { properties: { firstName: 'user.firstName' } } },
});
const yaml = corpYaml;

const BAD = yaml(`    attributeMappings:
      properties:
        employeeId: user.employeeNumber
        title: user.titel
        mail: user.email
        managerDN: user.managerId
      userTypes:
        contractor:
          properties:
            description: '"Badge " + user.badgeNumbr'
`);

const GOOD = yaml(`    attributeMappings:
      properties:
        employeeID: user.employeeNumber
        title: user.title
        email: user.email
        managerDn: user.managerId
      userTypes:
        contractor:
          properties:
            description: '"Badge " + user.badgeNumber'
`);

let sb: Sandbox;
beforeEach(async () => {
  sb = await seeded(ORG);
});
afterEach(async () => sb.close());
afterAll(() => removeProjects());

const writes = () => sb.audit.filter((e) => e.method !== 'GET').length;
const schemaCalls = () => Object.fromEntries(Object.entries(callsByPath(sb)).filter(([k]) => k.includes('/meta/schemas/')));

describe('mapping properties checked against the schemas', () => {
  test('unknown targets and sources are plan findings with did-you-mean; apply exits 1 with zero writes', async () => {
    const cwd = project({ 'corp.yaml': BAD });
    const plan = await runAgainst(sb, cwd, ['plan', '--format', 'json']);
    expect(plan.code).toBe(1);
    const findings = parsePlanJson(plan.stdout).findings.filter((f) => f.code.startsWith('MAPPING_'));
    expect(findings.map((f) => [f.code, f.line, f.column, f.hint])).toEqual([
      ['MAPPING_TARGET_UNKNOWN', 11, 9, 'did you mean employeeID?'],
      ['MAPPING_TARGET_UNKNOWN', 13, 9, "did you mean email? (AD's mail is email on the app user)"],
      ['MAPPING_TARGET_UNKNOWN', 14, 9, "did you mean managerDn?; managerUpn takes the manager's userPrincipalName, and the manager must be in the same domain as the user; managerDn takes the manager's distinguished name, and the manager may be in another domain"],
      ['MAPPING_SOURCE_UNKNOWN', 12, 9, 'did you mean user.title?'],
      ['MAPPING_SOURCE_UNKNOWN', 18, 13, 'did you mean user.badgeNumber?'],
    ]);
    // The schemas read: the app user schema, the default type's and the contractor type's, once each.
    expect(schemaCalls()).toEqual({
      'GET /api/v1/meta/schemas/apps/{0oa}/default': 1,
      'GET /api/v1/meta/schemas/user/default': 1,
      [`GET /api/v1/meta/schemas/user/osc${[...sb.org.userTypes.values()].find((t) => t.name === 'contractor')!.id.slice(3)}`]: 1,
    });

    const text = await runAgainst(sb, cwd, ['plan']);
    expect(text.stdout + text.stderr).toContain(
      'mappings/corp.yaml:11:9: error MAPPING_TARGET_UNKNOWN attributeMappings: employeeId is not an attribute of the corp.example.com app user; Okta would refuse the mapping update with "Invalid target field employeeId"',
    );
    expect(text.stdout + text.stderr).toContain('error MAPPING_SOURCE_UNKNOWN attributeMappings: contractor/description reads user.badgeNumbr, which is not an attribute of user type contractor');

    const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(apply.code).toBe(1);
    expect(writes()).toBe(0);
    // What okta-ou caught: the local Okta refuses that property as Okta does.
    const direct = await oktaRequest(sb, 'POST', `/api/v1/mappings/${sb.org.mappingFor(APP)!.id}`, { properties: { employeeId: { expression: 'user.employeeNumber', pushStatus: 'PUSH' } } });
    expect(direct).toMatchObject({ status: 400, body: { errorCode: 'E0000001', errorCauses: [{ errorSummary: 'Invalid target field employeeId' }] } });
  });

  test('the corrected names plan without those findings and apply in one go', async () => {
    const cwd = project({ 'corp.yaml': GOOD });
    const apply = await runAgainst(sb, cwd, ['apply', '--auto-approve']);
    expect(apply.stdout + apply.stderr).not.toContain('MAPPING_');
    expect(apply.code).toBe(0);
    expect(sb.org.mappingFor(APP)!.properties.employeeID).toEqual({ expression: 'user.employeeNumber', pushStatus: 'PUSH' });
    expect((await runAgainst(sb, cwd, ['plan', '--detailed-exitcode'])).code).toBe(0);
  });

  test('no attributeMappings properties: no schema read', async () => {
    const cwd = project({ 'corp.yaml': yaml('') });
    expect((await runAgainst(sb, cwd, ['plan', '--detailed-exitcode'])).code).toBe(0);
    expect(schemaCalls()).toEqual({});
  });
});
