import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The demo portal, on Backstage's frontend system as create-app makes apps: every plugin in
 * this package's dependencies is discovered (`app.packages: all` in app-config.yaml), Gatehouse
 * through its `/alpha` export; these modules are the app's own sidebar and sign-in page.
 */
export default createApp({
  features: [navModule, signInModule],
});
