import { Action } from '../kube/actions';
import { KubeObject } from '../kube/types';
import { encodePem, toBase64 } from '../pem';
import { IssuerRef, issuerKind } from './issuers';
import { ANNOTATIONS } from './model';

/**
 * Stores an issued certificate in the Certificate's `kubernetes.io/tls`
 * Secret, with cert-manager's annotations; an existing Secret is updated.
 */
export function writeSecret(
  cert: KubeObject,
  existing: KubeObject | undefined,
  request: KubeObject,
): Action {
  const ref: IssuerRef = cert.spec.issuerRef;
  const dnsNames: string[] = cert.spec.dnsNames ?? [];
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    ...existing,
    metadata: {
      ...existing?.metadata,
      name: cert.spec.secretName,
      namespace: cert.metadata.namespace,
      annotations: {
        ...existing?.metadata.annotations,
        ...cert.spec.secretTemplate?.annotations,
        [ANNOTATIONS.certificateName]: cert.metadata.name,
        'cert-manager.io/alt-names': dnsNames.join(','),
        'cert-manager.io/common-name': cert.spec.commonName ?? '',
        'cert-manager.io/ip-sans': '',
        'cert-manager.io/uri-sans': '',
        'cert-manager.io/issuer-name': ref.name,
        'cert-manager.io/issuer-kind': issuerKind(ref),
        'cert-manager.io/issuer-group': ref.group ?? '',
      },
      labels: {
        ...existing?.metadata.labels,
        ...cert.spec.secretTemplate?.labels,
        'controller.cert-manager.io/fao': 'true',
      },
    },
    data: {
      'tls.crt': request.status.certificate,
      'tls.key': toBase64(
        encodePem('PRIVATE KEY', {
          placeholder: `${cert.metadata.namespace}/${cert.metadata.name}`,
        }),
      ),
      ...(request.status.ca ? { 'ca.crt': request.status.ca } : {}),
    },
  };
  return existing
    ? { type: 'replace', resource: 'secrets', object: secret }
    : { type: 'create', resource: 'secrets', object: secret };
}
