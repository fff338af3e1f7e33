import type { AssignmentChange, Change, LiveAssignment, LiveDirectory, LiveState, Plan } from '../../../src/model/types';
import { priorityBound } from '../../../src/plan/assign-slots';
import { scheduleDirectory } from '../../../src/plan/write-schedule';

export function aPlan(changes: Change[], dirs: Array<{ name: string; appId: string }> = [{ name: 'corp', appId: '0oaCORP' }]): Plan {
  return {
    formatVersion: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    orgUrl: 'http://127.0.0.1:1',
    tool: 'okta-ou test',
    directories: dirs.map((d) => ({ name: d.name, appId: d.appId, appLabel: `${d.name}.example.com` })),
    changes,
    findings: [],
    summary: { create: 0, update: 0, delete: 0, reorder: 0, errors: 0, warnings: 0 },
    safety: { exceeded: false, reasons: [] },
    budget: { reads: {}, writes: {} },
    fingerprint: 'sha256:test',
  };
}

export function aLiveDirectory(name: string, appId: string, assignments: Array<Omit<LiveAssignment, 'lastUpdated'>>, mapping: LiveDirectory['mapping'] = null): LiveDirectory {
  return {
    name,
    app: { id: appId, label: `${name}.example.com`, name: 'active_directory', status: 'ACTIVE', namingContext: `${name}.example.com` },
    assignments: assignments.map((a) => ({ ...a, lastUpdated: '2026-01-01T00:00:00.000Z' })),
    groups: {},
    resolved: {},
    mapping,
    userScoped: { count: 0, sample: [] },
    observedDns: [],
  };
}

export function aLiveState(directories: LiveDirectory[]): LiveState {
  return { orgUrl: 'http://127.0.0.1:1', directories };
}

/** A plan of `changes` with the write schedule `plan` would compute for them against `live`. */
export function aScheduledPlan(changes: Change[], live: LiveState): Plan {
  const schedule = live.directories.flatMap((d) => {
    const mine = changes.filter((c): c is AssignmentChange => c.kind === 'assignment' && c.directory === d.name);
    const creates = mine.filter((c) => c.action === 'create').length;
    const s = scheduleDirectory(d, mine, priorityBound(d.assignments.length + creates));
    return s ? [s] : [];
  });
  return { ...aPlan(changes, live.directories.map((d) => ({ name: d.name, appId: d.app?.id ?? '' }))), schedule };
}
