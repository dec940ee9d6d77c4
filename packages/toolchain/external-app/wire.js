#!/usr/bin/env node
// Installs Gatehouse into an app fresh from @backstage/create-app, step by step as the README's
// "Installing into your Backstage" section says (keep the two in step):
//   node wire.js <new|legacy> <app dir>
// The three packed tarballs are already in <app dir>/gatehouse/. Each edit anchors on a line of
// create-app's template and fails, naming the file and the line, when the template changed.
const fs = require('node:fs');
const path = require('node:path');

const [mode, appDir] = process.argv.slice(2);
if (!['new', 'legacy'].includes(mode) || !appDir) {
  console.error('usage: wire.js <new|legacy> <app dir>');
  process.exit(2);
}
const file = rel => path.join(appDir, rel);

function editJson(rel, edit) {
  const json = JSON.parse(fs.readFileSync(file(rel), 'utf8'));
  edit(json);
  fs.writeFileSync(file(rel), `${JSON.stringify(json, null, 2)}\n`);
}

/** Inserts `text` before (or after) the first line containing `anchor`. */
function insertAt(rel, anchor, text, where = 'before') {
  const source = fs.readFileSync(file(rel), 'utf8');
  const at = source.indexOf(anchor);
  if (at < 0) {
    throw new Error(
      `${rel}: no line with ${JSON.stringify(
        anchor,
      )} (create-app's template changed)`,
    );
  }
  const lineStart = source.lastIndexOf('\n', at) + 1;
  const lineEnd = source.indexOf('\n', at) + 1;
  const cut = where === 'before' ? lineStart : lineEnd;
  fs.writeFileSync(file(rel), source.slice(0, cut) + text + source.slice(cut));
}

function replaceLine(rel, line, text) {
  const source = fs.readFileSync(file(rel), 'utf8');
  if (!source.includes(line)) {
    throw new Error(
      `${rel}: no line ${JSON.stringify(line)} (create-app's template changed)`,
    );
  }
  fs.writeFileSync(file(rel), source.replace(line, text));
}

// 1. The packages: the backend and frontend plugins, and the common package both depend on (a
//    resolution, as it is not on the registry).
const frontendManifest = JSON.parse(
  require('node:child_process').execFileSync(
    'tar',
    ['xzOf', file('gatehouse/gateway-api.tgz'), 'package/package.json'],
    { encoding: 'utf8' },
  ),
);
editJson('package.json', pkg => {
  pkg.resolutions = {
    ...pkg.resolutions,
    '@gatehouse/backstage-plugin-gateway-api-common':
      'file:./gatehouse/gateway-api-common.tgz',
  };
});
editJson('packages/backend/package.json', pkg => {
  pkg.dependencies['@gatehouse/backstage-plugin-gateway-api-backend'] =
    'file:../../gatehouse/gateway-api-backend.tgz';
});
editJson('packages/app/package.json', pkg => {
  pkg.dependencies['@gatehouse/backstage-plugin-gateway-api'] =
    'file:../../gatehouse/gateway-api.tgz';
  if (mode === 'legacy') {
    // ScaffolderFieldExtensions, for the template fields.
    pkg.dependencies['@backstage/plugin-scaffolder-react'] =
      frontendManifest.dependencies['@backstage/plugin-scaffolder-react'];
  }
});

// 2. The backend: one line.
insertAt(
  'packages/backend/src/index.ts',
  'backend.start();',
  "backend.add(import('@gatehouse/backstage-plugin-gateway-api-backend'));\n\n",
);

// 3. The frontend. The new frontend system discovers the plugin in packages/app/package.json
//    (`app.packages: all`), nothing to write; the legacy app gets the README's lines.
if (mode === 'legacy') {
  const app = 'packages/app/src/App.tsx';
  insertAt(
    app,
    "import { ScaffolderPage, scaffolderPlugin } from '@backstage/plugin-scaffolder';",
    `import { ScaffolderFieldExtensions } from '@backstage/plugin-scaffolder-react';
import {
  gatewayApiPlugin,
  GatewayHostnamePickerFieldExtension,
  GatewayHostnamesPage,
  GatewayRouteKindPickerFieldExtension,
  GatewayTenantPickerFieldExtension,
} from '@gatehouse/backstage-plugin-gateway-api';
`,
    'after',
  );
  insertAt(
    app,
    '    bind(scaffolderPlugin.externalRoutes, {',
    `    bind(gatewayApiPlugin.externalRoutes, {
      exposeServiceTemplate: scaffolderPlugin.routes.selectedTemplate,
      migrateIngressTemplate: scaffolderPlugin.routes.selectedTemplate,
    });
`,
  );
  replaceLine(
    app,
    '    <Route path="/create" element={<ScaffolderPage />} />\n',
    `    <Route path="/create" element={<ScaffolderPage />}>
      <ScaffolderFieldExtensions>
        <GatewayTenantPickerFieldExtension />
        <GatewayHostnamePickerFieldExtension />
        <GatewayRouteKindPickerFieldExtension />
      </ScaffolderFieldExtensions>
    </Route>
    <Route path="/gateway-api/hostnames" element={<GatewayHostnamesPage />} />
`,
  );

  const entityPage = 'packages/app/src/components/catalog/EntityPage.tsx';
  insertAt(
    entityPage,
    "import { Button, Grid } from '@material-ui/core';",
    `import {
  EntityGatewayExposureCard,
  EntityGatewayExposureContent,
  EntityGatewayTenantCard,
  isGatewayExposureAvailable,
  isGatewayTenantAvailable,
} from '@gatehouse/backstage-plugin-gateway-api';
`,
  );
  insertAt(
    entityPage,
    '    {entityWarningContent}',
    `    <EntitySwitch>
      <EntitySwitch.Case if={isGatewayExposureAvailable}>
        <Grid item md={6} xs={12}>
          <EntityGatewayExposureCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={isGatewayTenantAvailable}>
        <Grid item xs={12}>
          <EntityGatewayTenantCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
`,
    'after',
  );
  insertAt(
    entityPage,
    '    <EntityLayout.Route path="/ci-cd" title="CI/CD">',
    `    <EntityLayout.Route path="/exposure" title="Exposure">
      <EntityGatewayExposureContent />
    </EntityLayout.Route>

`,
  );

  const root = 'packages/app/src/components/Root/Root.tsx';
  insertAt(
    root,
    'import HomeIcon',
    "import LanguageIcon from '@material-ui/icons/Language';\n",
  );
  insertAt(
    root,
    'text="Create..." />',
    '        <SidebarItem icon={LanguageIcon} to="gateway-api/hostnames" text="Hostnames" />\n',
    'after',
  );
}
console.log(`wired Gatehouse into the ${mode} app at ${appDir}`);
