import type { Lint } from './types';
import { invalidDn } from './invalid-dn';
import { ouNotImportOu } from './ou-not-import-ou';
import { ouOutsideDomain } from './ou-outside-domain';
import { dnMapped } from './dn-mapped';
import { duplicateGroup } from './duplicate-group';
import { profileOuConflict } from './profile-ou-conflict';

/**
 * Lints that need only the desired state (run by `validate` and `plan`). YAML_SYNTAX, DUPLICATE_KEY,
 * SCHEMA and DIRECTORY_CONFLICT come from the loader (src/config).
 */
export const staticLints: Lint[] = [invalidDn, ouNotImportOu, ouOutsideDomain, dnMapped, duplicateGroup, profileOuConflict];
