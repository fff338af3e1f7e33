/**
 * How many individually-assigned users (USER_SCOPE_ASSIGNMENT) the live reader keeps and the finding
 * names: one number for both, so the reader never reads names the finding would drop or the reverse.
 */
export const USER_SAMPLE_SIZE = 5;
