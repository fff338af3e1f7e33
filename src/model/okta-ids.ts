/**
 * How okta-ou tells an Okta id from a name in the files (`app:`, `group:`). Okta ids are a 3-character
 * type prefix plus base-62 characters (`0oa…` apps, `00g…` groups; 20 in all in every org seen), so
 * anything else is a label or a name. One definition, used by the live reader and by export, so a
 * name export writes is never read back as an id.
 */
export function looksLikeAppId(s: string): boolean {
  return /^0oa[A-Za-z0-9]{5,}$/.test(s);
}

export function looksLikeGroupId(s: string): boolean {
  return /^00g[A-Za-z0-9]{5,}$/.test(s);
}

/** Okta's `name` of Active Directory app instances (docs/okta-api.md §2). */
export const AD_APP_NAME = 'active_directory';

/** Okta's `name` of LDAP directory instances: the same group-assignment OU key as AD. */
export const LDAP_APP_NAME = 'ldap_sun_one';

/** A directory integration okta-ou manages: AD or LDAP. */
export function isDirectoryAppName(name: string): boolean {
  return name === AD_APP_NAME || name === LDAP_APP_NAME;
}

/**
 * How two `app:` texts are compared before Okta is asked: trimmed, case-insensitively (AD app labels are
 * domain names, which are case-blind). The loader reports two directories on the same text; the live
 * lint, only what resolution reveals beyond that.
 */
export function appTextKey(app: string): string {
  return app.trim().toLowerCase();
}
