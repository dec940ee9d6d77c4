/**
 * The smallest Backstage app around the real Hostnames page: Backstage's frontend system
 * (`createApp` from frontend-defaults, as the demo portal uses) with the plugin's `/alpha`
 * feature, its page and API client unchanged, and the backend at the page's own origin. The
 * bench bundles it with esbuild and serves it beside the real `/hostnames` router.
 */
import '@backstage/ui/css/styles.css';
import { ConfigReader } from '@backstage/config';
import { IdentityApi, SignInPageProps } from '@backstage/core-plugin-api';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import gatewayApiPlugin from '@gatehouse/backstage-plugin-gateway-api/alpha';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';

/** A guest without a token: the bench's router asks for none, and sign-in is not measured. */
const guest: IdentityApi = {
  getBackstageIdentity: async () => ({
    type: 'user',
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest'],
  }),
  getProfileInfo: async () => ({ displayName: 'Guest' }),
  getCredentials: async () => ({}),
  signOut: async () => {},
};

const SignInAsGuest = ({ onSignInSuccess }: SignInPageProps) => {
  useEffect(() => onSignInSuccess(guest), [onSignInSuccess]);
  return null;
};

const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({ params: { loader: async () => SignInAsGuest } }),
  ],
});

const origin = window.location.origin;
const app = createApp({
  // The catalog, as in every portal: the rows link to its entity pages.
  features: [catalogPlugin, gatewayApiPlugin, signInModule],
  advanced: {
    configLoader: async () => ({
      config: ConfigReader.fromConfigs([
        {
          context: 'hostnames-page-bench',
          data: {
            app: { title: 'Hostnames page bench', baseUrl: origin },
            backend: { baseUrl: origin },
          },
        },
      ]),
    }),
  },
});

createRoot(document.getElementById('root')!).render(app.createRoot());
