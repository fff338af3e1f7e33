/**
 * The Okta user attributes an Okta Expression Language expression reads (`user.department`,
 * `user.firstName + " " + user.lastName`). Pure. Text inside string literals is not read, and
 * `user.<method>(…)` calls (`user.getInternalProperty("id")`) are not attributes.
 */
export interface AttributeRef {
  name: string;
  /** Offset of the attribute name in the expression. */
  offset: number;
}

/** Each `user.<attr>` outside string literals, in order, with repeats. */
export function userAttributes(expression: string): AttributeRef[] {
  // Blank out string literals ("…" and '…', with backslash escapes), keeping offsets.
  const code = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (s) => ' '.repeat(s.length));
  const out: AttributeRef[] = [];
  for (const m of code.matchAll(/(?<![\w$.])user\.([A-Za-z_$][\w$]*)(?![\w$]|\s*\()/g)) {
    out.push({ name: m[1], offset: (m.index ?? 0) + 'user.'.length });
  }
  return out;
}
