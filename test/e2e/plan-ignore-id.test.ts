/**
 * `assignments.ignore` matches a group by its id as well as by its name: an authoritative directory never
 * deletes an unlisted assignment whose group id is in the ignore list.
 */
import { parsePlanJson } from '../../src/render/json';
import { cycleOrg, cycleYaml } from '../apply/support/orgs';
import { expectReadOnly, plan, project, removeProjects, seeded, type Sandbox } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await seeded(cycleOrg);
});
afterAll(async () => {
  await sb.close();
  removeProjects();
});

const deletes = (stdout: string): string[] =>
  parsePlanJson(stdout).changes.filter((c) => c.action === 'delete' && c.kind === 'assignment').map((c) => (c.kind === 'assignment' ? c.group.name ?? c.group.id : ''));

test('an unlisted group is deleted unless its id is ignored', async () => {
  const listed = await plan(sb, project({ 'corp.yaml': cycleYaml }), ['--format', 'json']);
  expect(deletes(listed.stdout)).toEqual(['Finance']);

  const finance = sb.org.findGroup('Finance')!.id;
  const byId = cycleYaml.replace('ignore: ["legacy-*"]', `ignore: ["legacy-*", "${finance}"]`);
  expect(byId).toContain(finance);
  const r = await plan(sb, project({ 'corp.yaml': byId }), ['--format', 'json']);
  expect(r.code).toBe(0);
  expect(deletes(r.stdout)).toEqual([]);
  expectReadOnly(sb);
});
