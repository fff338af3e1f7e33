/**
 * Scrubs secrets from anything okta-ou logs or puts in an error: Authorization/DPoP header values, OAuth
 * fields (client_assertion, access_token), JWTs, PEM private keys and private JWK members. Known secret
 * values (the configured token and key) are replaced wherever they occur, whatever the surrounding text.
 */

const REDACTED = '[REDACTED]';

const PATTERNS: Array<[RegExp, string]> = [
  // PEM blocks of any private key type (PKCS#1, PKCS#8, EC).
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, `[REDACTED PRIVATE KEY]`],
  // Authorization schemes Okta uses.
  [/\b(SSWS|Bearer|DPoP)(\s+)[A-Za-z0-9\-._~+/=]{8,}/g, `$1$2${REDACTED}`],
  // Header and form/JSON fields that carry secrets.
  [/("?(?:authorization|dpop|client_assertion|access_token|refresh_token|id_token|privateKey|private_key)"?\s*[:=]\s*"?)([^"&\s,}]+)/gi, `$1${REDACTED}`],
  // Compact JWS (client assertions, DPoP proofs, access tokens).
  [/eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Private members of a JWK (RSA d/p/q/dp/dq/qi, EC d).
  [/("(?:d|p|q|dp|dq|qi)"\s*:\s*")[^"]+"/g, `$1${REDACTED}"`],
];

/** Returns `text` with every known secret and secret-looking value replaced. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join(REDACTED);
  }
  for (const [re, repl] of PATTERNS) out = out.replace(re, repl);
  return out;
}
