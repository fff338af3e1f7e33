/**
 * LDAP_AD_CHECKS_SKIPPED (info): the directory's app is an LDAP instance (`ldap_sun_one`). Its group
 * assignments place users with the same OU key, so every DN and OU check applies; the checks about
 * Active Directory alone (the `dn` mapping rule, the "update OU" setting, the AD naming context) do not,
 * and are skipped rather than guessed.
 */
import { LDAP_APP_NAME } from '../../model/okta-ids';
import { appObject, at, usablePairs } from './live-helpers';
import type { Lint } from './types';

export const ldapAdChecksSkipped: Lint = {
  code: 'LDAP_AD_CHECKS_SKIPPED',
  severity: 'info',
  needs: 'live',
  check: (ctx) =>
    usablePairs(ctx)
      .filter((p) => p.app.name === LDAP_APP_NAME)
      .map((p) => ({
        code: 'LDAP_AD_CHECKS_SKIPPED' as const,
        severity: 'info' as const,
        message: `directory "${p.desired.name}": app "${p.app.label}" is an LDAP instance; the Active Directory checks DN_MAPPED, UPDATE_OU_DISABLED and NAMING_CONTEXT_MISMATCH are skipped (the live dn mapping is left alone)`,
        hint: 'nothing to do; the OU and DN checks apply to LDAP as to AD',
        ...at(p.desired, p.desired.fieldSources.app),
        object: appObject(p.app),
      })),
};
