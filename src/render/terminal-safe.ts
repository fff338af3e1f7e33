/**
 * Text from Okta or the files (group names, app labels, DNs, finding messages that quote them) shown on a
 * terminal. Okta accepts control characters in group names and app labels, so an ESC sequence in one
 * could move the cursor, recolour or retitle the terminal of whoever runs `plan` or `validate`. Every C0
 * and C1 control character (and DEL) is shown as a visible `\uXXXX` escape instead. Pure.
 */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
