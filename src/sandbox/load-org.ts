import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { OktaOuError } from '../errors';
import { DEMO_ORG } from './demo-org';
import type { OrgSeed } from './types';

/** 'demo' | an OrgSeed | a path to a YAML or JSON org file. */
export function loadOrgSeed(org: 'demo' | OrgSeed | string | undefined): OrgSeed {
  if (org === undefined || org === 'demo') return DEMO_ORG;
  if (typeof org !== 'string') return org;
  let text: string;
  try {
    text = readFileSync(org, 'utf8');
  } catch (e) {
    throw new OktaOuError('SANDBOX_ORG', `cannot read org file ${org}: ${(e as Error).message}`);
  }
  try {
    const value = /\.json$/i.test(org) ? JSON.parse(text) : parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('the file must hold a mapping with users, groups, apps');
    return value as OrgSeed;
  } catch (e) {
    throw new OktaOuError('SANDBOX_ORG', `cannot parse org file ${org}: ${(e as Error).message}`);
  }
}
