/**
 * INVALID_DN: an OU, import OU or naming context that is not a Distinguished Name (RFC 4514,
 * https://www.rfc-editor.org/rfc/rfc4514). Okta passes `organizationalUnit` to the AD agent as is; a
 * malformed DN fails only later, at provisioning time, user by user.
 */
import type { DesiredDirectory, Finding, SourceRef } from '../../model/types';
import { type Ava, parseDn, tryNamingContextDn } from '../../model/dn';
import type { Lint } from './types';
import { findingAt } from '../../model/finding';
import { memo } from '../../model/memo';

const FLOW_LIST_HINT =
  'an OU is a full DN from the OU down to the domain, e.g. OU=Sales,OU=Employees,DC=corp,DC=example,DC=com; ' +
  'in a flow list ([a, b]) YAML splits at every comma, so quote each DN or use a block list (- OU=…)';

/**
 * A DN that parses but cannot be an OU in a domain: a multi-valued RDN or a NUL (AD holds neither), only
 * domain components (`DC=corp`), or no domain components at all (`OU=Employees`); the last two are what
 * YAML leaves of `[OU=Employees,DC=corp,DC=com]`.
 */
function notAnOu(rdns: Ava[][]): { why: string; hint: string } | null {
  // RFC 4514 allows both; AD does not, and its agent would fail each user at provisioning time.
  const multi = rdns.find((rdn) => rdn.length > 1);
  if (multi) return { why: `has a multi-valued RDN (${multi.map((a) => `${a.type}=…`).join('+')}), and an AD OU has one value per RDN`, hint: 'escape a "+" inside a name as "\\+"; otherwise write the OU as AD shows it, e.g. OU=Sales,OU=Employees,DC=corp,DC=example,DC=com' };
  if (rdns.some((rdn) => rdn.some((a) => !a.hex && a.value.includes('\u0000')))) return { why: 'holds a NUL character (\\00), which AD does not allow in a name', hint: 'remove the \\00 escape from the name' };
  // parseDn lower-cases types and folds domainComponent to dc.
  const isDc = (rdn: Ava[]): boolean => rdn.every((a) => a.type === 'dc');
  if (rdns.every(isDc)) return { why: 'names a domain, not an OU', hint: FLOW_LIST_HINT };
  if (!isDc(rdns[rdns.length - 1])) return { why: 'has no domain components (DC=…), so it is not a full DN', hint: FLOW_LIST_HINT };
  return null;
}

/** What is wrong with a DN text: why and what to do; null when it is a valid OU DN. */
type DnProblem = { why: string; hint: string } | null;

function problemOf(value: string): DnProblem {
  const p = parseDn(value);
  if (p.ok) return notAnOu(p.rdns);
  return {
    why: `is not a valid DN: ${p.error} (at character ${p.offset + 1})`,
    hint: 'write it as RDNs separated by commas, e.g. OU=Sales,OU=Employees,DC=corp,DC=example,DC=com; escape a comma inside a name as "\\,"',
  };
}

function check(dir: DesiredDirectory, problem: (value: string) => DnProblem, what: (v: string) => string, value: string, at: SourceRef): Finding[] {
  const bad = problem(value);
  return bad ? [findingAt('INVALID_DN', 'error', at, `${what(JSON.stringify(value))} ${bad.why}`, { hint: bad.hint, directory: dir.name })] : [];
}

export const invalidDn: Lint = {
  code: 'INVALID_DN',
  severity: 'error',
  needs: 'desired',
  check({ desired }) {
    // Parsed once per distinct text (a large directory lists 100,000 groups over a few hundred OUs), per run.
    const problem = memo(problemOf);
    return desired.directories.flatMap((dir) => {
      const out: Finding[] = [];
      if (dir.namingContext !== undefined && tryNamingContextDn(dir.namingContext) === null) {
        out.push(
          findingAt('INVALID_DN', 'error', dir.fieldSources.namingContext ?? dir.source, `namingContext ${JSON.stringify(dir.namingContext)} is neither a DN nor a domain name`, { hint: 'write the domain as a DN (DC=corp,DC=example,DC=com) or as a domain name (corp.example.com)', directory: dir.name }),
        );
      }
      for (const ou of dir.importOUs) out.push(...check(dir, problem, (v) => `import OU ${v}`, ou.dn, ou.source));
      for (const g of dir.groups) out.push(...check(dir, problem, (v) => `OU ${v} of group ${JSON.stringify(g.group)}`, g.ou, g.ouSource));
      return out;
    });
  },
};
