import type { Lint } from './types';
import { appNotFound } from './app-not-found';
import { appNotAd } from './app-not-ad';
import { appAmbiguous } from './app-ambiguous';
import { directoryConflictLive } from './directory-conflict-live';
import { namingContextMismatch } from './naming-context-mismatch';
import { groupNotFound } from './group-not-found';
import { groupAmbiguous } from './group-ambiguous';
import { duplicateGroupResolved } from './duplicate-group-resolved';
import { profileMappingNotFound } from './profile-mapping-not-found';
import { dnMappedLive } from './dn-mapped-live';
import { mappingTargetUnknown } from './mapping-target-unknown';
import { mappingSourceUnknown } from './mapping-source-unknown';
import { updateOuDisabled } from './update-ou-disabled';
import { priorityDuplicate } from './priority-duplicate';
import { priorityUnknown } from './priority-unknown';
import { ouNotImportOuLive } from './ou-not-import-ou-live';
import { ouNotSeenLive } from './ou-not-seen-live';
import { userScopeAssignment } from './user-scope-assignment';
import { userOuMismatch } from './user-ou-mismatch';
import { unmanagedProfileKeys } from './unmanaged-profile-keys';
import { ldapAdChecksSkipped } from './ldap-ad-checks-skipped';

/**
 * Lints that need the live slice of the org (run by `plan` only; `buildPlan` runs them). Order is the
 * order findings appear in, per lint: blocking app problems first, then references, mappings, OUs, info.
 */
export const liveLints: Lint[] = [
  appNotFound,
  appAmbiguous,
  appNotAd,
  directoryConflictLive,
  namingContextMismatch,
  groupNotFound,
  groupAmbiguous,
  duplicateGroupResolved,
  profileMappingNotFound,
  dnMappedLive,
  mappingTargetUnknown,
  mappingSourceUnknown,
  updateOuDisabled,
  priorityDuplicate,
  priorityUnknown,
  ouNotImportOuLive,
  ouNotSeenLive,
  userScopeAssignment,
  userOuMismatch,
  unmanagedProfileKeys,
  ldapAdChecksSkipped,
];
