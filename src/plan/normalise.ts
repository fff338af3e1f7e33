/**
 * Normalisation of both sides before they are compared, so the diff sees meaning, not spelling.
 *
 * - OUs are DNs: compared after RFC 4514 normalisation, case-insensitively (AD's distinguishedName
 *   syntax matches case-insensitively; see src/model/dn.ts). An OU that is not a valid DN (reported by the
 *   static INVALID_DN lint) falls back to its trimmed lower-case text, so the plan still renders.
 * - The OU okta-ou writes is the normalised spelling in lower case (the only public write-up of this field,
 *   a third-party blog, techjutsu.com "Using the Okta API to Configure Okta Group to AD OU Mappings",
 *   says "The organizational unit value should be all in lower case"; docs/okta-api.md §1), or the file's value as
 *   given with `ouCase: preserve`.
 * - Assignment profiles are compared only on the keys the file manages (`organizationalUnit` plus the
 *   group's `profile` keys), ignoring key order (fast-deep-equal compares key sets, not key order).
 */
import { dataEquals as equal, setOwn } from '../model/data-record';
import { tryNormaliseDn } from '../model/dn';
import type { DesiredDirectory, DesiredGroup } from '../model/types';

/** The assignment profile key the AD app reads the target OU from (docs/okta-api.md §1; Okta's UI calls it "Organizational Unit"). */
export const OU_KEY = 'organizationalUnit';

/** The comparison form of an OU value; null when the value is absent or not a string. */
export function ouKey(ou: unknown): string | null {
  if (typeof ou !== 'string') return null;
  return tryNormaliseDn(ou) ?? ou.trim().toLowerCase();
}

/** True when two OU values name the same OU (case- and spacing-insensitive). */
export function ousEqual(a: unknown, b: unknown): boolean {
  const ka = ouKey(a);
  return ka !== null && ka === ouKey(b);
}

/**
 * Equal as assignment profile values: the OU as a DN (case and spacing aside), anything else exactly.
 * (Two OU texts equal but for case are always `ousEqual`: DN syntax is case-blind, canonical values and
 * `#hex` digits are lower-cased, and a non-DN falls back to its lower-case text.)
 */
export function profileValueEquals(key: string, a: unknown, b: unknown): boolean {
  if (key === OU_KEY && typeof a === 'string' && typeof b === 'string') return ousEqual(a, b);
  return equal(a, b);
}

/** The OU value okta-ou writes for a desired group. */
export function ouToWrite(ou: string, ouCase: DesiredDirectory['ouCase']): string {
  return ouCase === 'preserve' ? ou : (ouKey(ou) as string);
}

/** Whether a desired group manages profile key `k`: the OU, or a key of the file's profile. */
export function isManagedKey(g: DesiredGroup, k: string): boolean {
  return k === OU_KEY || Object.hasOwn(g.profile, k);
}

/** The profile keys a desired group manages: `organizationalUnit` first, then its profile keys sorted. */
export function managedKeys(g: DesiredGroup): string[] {
  return [OU_KEY, ...Object.keys(g.profile).filter((k) => k !== OU_KEY).sort()];
}

/** Whether a desired group manages any profile key besides the OU (managedKeys(g).length > 1, without the list). */
export function managesMoreThanOu(g: DesiredGroup): boolean {
  // Asked of every listed group: a loop over the (usually no) keys, not an array of them.
  for (const k in g.profile) if (Object.hasOwn(g.profile, k) && k !== OU_KEY) return true;
  return false;
}

/**
 * The managed part of the profile the file asks for. `ou:` wins over a `profile.organizationalUnit`
 * (that clash is the static PROFILE_OU_CONFLICT finding).
 */
export function desiredManagedProfile(g: DesiredGroup, ouCase: DesiredDirectory['ouCase']): Record<string, unknown> {
  const out: Record<string, unknown> = { [OU_KEY]: ouToWrite(g.ou, ouCase) };
  for (const k of Object.keys(g.profile).sort()) if (k !== OU_KEY) setOwn(out, k, g.profile[k]);
  return out;
}

/** The given keys of `profile` that are present, in the order of `keys`. */
export function pickKeys(profile: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(profile, k) && profile[k] !== undefined) setOwn(out, k, profile[k]);
  return out;
}

/**
 * The managed keys whose live value differs from the desired one, in the order of `desired`'s keys.
 * `organizationalUnit` compares as a DN; other keys by deep equality (key order ignored).
 */
export function differingKeys(live: Record<string, unknown>, desired: Record<string, unknown>): string[] {
  return Object.keys(desired).filter((k) => {
    const has = Object.prototype.hasOwnProperty.call(live, k) && live[k] !== undefined;
    if (!has) return true;
    return !profileValueEquals(k, live[k], desired[k]);
  });
}
