import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import HostnamesIcon from '@material-ui/icons/Language';
import { rootRouteRef } from '../routes';

/**
 * The Hostnames page, at /gateway-api/hostnames, with its item in the app's sidebar.
 *
 * @alpha
 */
export const gatewayHostnamesPage = PageBlueprint.make({
  params: {
    path: '/gateway-api/hostnames',
    title: 'Hostnames',
    icon: <HostnamesIcon />,
    // The page has its own Header.
    noHeader: true,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('../components/HostnamesPage').then(m =>
        compatWrapper(<m.HostnamesPage />),
      ),
  },
});
