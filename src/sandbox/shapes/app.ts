import type { AppRec } from '../types';
import { AD_FEATURES } from '../seed';

const LOGOS: Record<string, string> = {
  active_directory: 'https://op3static2.oktacdn.com/assets/img/logos/active-directory.9d71e6886192896cd905f4987688d95f.png',
  bookmark: 'https://op3static2.oktacdn.com/assets/img/logos/bookmark-app.b81c03e2607468e5b5f9c9351c99313e.png',
};
const SANDBOX_ORG_ID = '00o5bsandb0x0rg5b7';

/**
 * App JSON as recorded (recorded Okta responses): AD apps have signOnMode null, the five
 * import features, the CUSTOM userNameTemplate, settings.app with namingContext and no OU list, no
 * `notes`, no `autoLaunch`; `_links` has no `self`.
 */
export function renderApp(app: AppRec, base: string): Record<string, unknown> {
  const isAd = !!app.ad;
  const href = `${base}/api/v1/apps/${app.id}`;
  const appLinkName = app.name === 'bookmark' ? 'login' : `${app.name}_link`;
  const out: Record<string, unknown> = {
    id: app.id,
    orn: `orn:okta:idp:${SANDBOX_ORG_ID}:apps:${app.name}:${app.id}`,
    name: app.name,
    label: app.label,
    status: app.status,
    lastUpdated: app.lastUpdated,
    created: app.created,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: isAd
      ? { autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: {} }
      : { autoLaunch: false, autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: { [appLinkName]: true } },
    features: isAd ? [...AD_FEATURES] : [],
    signOnMode: app.signOnMode,
    credentials: isAd
      ? {
          userNameTemplate: {
            template: 'substringBefore(user.login, "@") + "@" + target_app.namingContext',
            type: 'CUSTOM',
            pushStatus: 'NOT_CONFIGURED',
          },
          signing: {},
        }
      : { userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' }, signing: {} },
    universalLogout: { status: 'UNSUPPORTED' },
    settings: {
      app: { ...app.settingsApp },
      notifications: { vpn: { network: { connection: 'DISABLED' }, message: null, helpUrl: null } },
      manualProvisioning: false,
      implicitAssignment: false,
      emOptInStatus: 'NONE',
      ...(isAd ? {} : { notes: { admin: null, enduser: null } }),
    },
    _links: {
      uploadLogo: { href: `${href}/logo`, hints: { allow: ['POST'] } },
      appLinks: isAd ? [] : [{ name: appLinkName, href: `${base}/home/${app.name}/${app.id}/aln5b7${app.id.slice(3, 11)}`, type: 'text/html' }],
      profileEnrollment: { href: `${base}/api/v1/policies/rst5bsandb0xpr0f5b7` },
      policies: { href: `${href}/policies`, hints: { allow: ['PUT'] } },
      groups: { href: `${href}/groups` },
      logo: [{ name: 'medium', href: LOGOS[app.name] ?? LOGOS.bookmark, type: 'image/png' }],
      accessPolicy: { href: `${base}/api/v1/policies/rst5bsandb0xacc55b7` },
      users: { href: `${href}/users` },
      deactivate: { href: `${href}/lifecycle/deactivate` },
    },
  };
  if (app.name === 'oidc_client') {
    (out.credentials as Record<string, unknown>).oauthClient = {
      autoKeyRotation: true, client_id: app.id, token_endpoint_auth_method: 'client_secret_basic', pkce_required: false,
    };
    (out.settings as Record<string, unknown>).oauthClient = {
      client_uri: null, logo_uri: null, redirect_uris: ['https://expenses.example.com/callback'], response_types: ['code'],
      grant_types: ['authorization_code'], application_type: 'web', consent_method: 'TRUSTED', issuer_mode: 'ORG_URL',
      wildcard_redirect: 'DISABLED', dpop_bound_access_tokens: false,
    };
  }
  return out;
}
