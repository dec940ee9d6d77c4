/**
 * The one place that turns Gateway API and cert-manager condition reasons, and the common
 * configuration mistakes, into plain-language hints: what it means and how to fix it.
 */

/**
 * A hint for a person: what a status means, and what to do about it (empty when nothing).
 *
 * @public
 */
export interface Hint {
  meaning: string;
  fix: string;
}

/**
 * The object a condition was read from.
 *
 * @public
 */
export type HintSubject =
  | 'GatewayClass'
  | 'Gateway'
  | 'Listener'
  | 'ListenerSet'
  | 'Route'
  | 'Certificate'
  | 'CertificateRequest'
  | 'Issuer'
  | 'Policy';

/**
 * Common configuration mistakes, recognised by the analysis beyond a single condition reason.
 *
 * @public
 */
export type CommonMistake =
  | 'namespaceNotAllowedByListener'
  | 'parentRefWithoutNamespace'
  | 'listenerSetNotAllowed'
  | 'listenerSetParentNotFound'
  | 'sectionNameInListenerSet'
  | 'listenerConflict'
  | 'noCertificateForHostname'
  | 'missingReferenceGrant'
  | 'policyInWrongNamespace'
  | 'staleObservedGeneration'
  | 'issuerNotFound'
  | 'issuerNotReady'
  | 'secretMissing'
  | 'http01ChallengeUnreachable'
  | 'dnsNotPointingAtGateway'
  | 'dns01ChallengeFailing'
  | 'acmeRejected'
  | 'certificateExpiring'
  | 'certificateExpired'
  | 'hostnameOfAnotherTenant'
  | 'hostnameSharedByIngressAndRoute'
  | 'proxyProtocolWithoutClientTrafficPolicy'
  | 'proxyProtocolOptional'
  | 'clientIpModesMixed'
  | 'wrongNumTrustedHops'
  | 'listenerCountNearLimit'
  | 'policyTargetNotFound'
  | 'policyOfAnotherImplementation'
  | 'tenantMetadataOutOfDate';

const h = (meaning: string, fix = ''): Hint => ({ meaning, fix });

const FINE = '';

// Keyed by "<subject>/<condition type>/<reason>".
const CONDITION_HINTS: Record<string, Hint> = {
  'GatewayClass/Accepted/Accepted': h(
    'The controller accepted this GatewayClass.',
    FINE,
  ),
  'GatewayClass/Accepted/InvalidParameters': h(
    "The GatewayClass's parametersRef points at an object that is missing or invalid.",
    'Create the referenced parameters object (for Envoy Gateway, an EnvoyProxy) or fix parametersRef.',
  ),
  'GatewayClass/Accepted/Pending': h(
    'No controller has processed this GatewayClass yet.',
    'Check that the controller named in spec.controllerName is installed and running.',
  ),
  'GatewayClass/Accepted/Unsupported': h(
    'The controller refused this GatewayClass.',
    "Read the condition's message; the controller does not support what the GatewayClass asks for.",
  ),
  'GatewayClass/Accepted/Waiting': h(
    'No controller has processed this GatewayClass yet (an older name for Pending).',
    'Check that the controller named in spec.controllerName is installed and running.',
  ),
  'GatewayClass/SupportedVersion/SupportedVersion': h(
    'The controller supports the installed Gateway API version.',
    FINE,
  ),
  'GatewayClass/SupportedVersion/UnsupportedVersion': h(
    'The installed Gateway API CRDs are a version the controller does not support.',
    'Install the Gateway API CRD version the controller documents, or upgrade the controller.',
  ),

  'Gateway/Accepted/Accepted': h('The controller accepted the Gateway.', FINE),
  'Gateway/Accepted/ListenersNotValid': h(
    'One or more listeners are invalid; the valid ones still serve traffic.',
    "Look at the listeners' conditions to see which one is wrong and why.",
  ),
  'Gateway/Accepted/InvalidParameters': h(
    "The Gateway's infrastructure.parametersRef points at an object that is missing or invalid.",
    'Create the referenced object or fix infrastructure.parametersRef.',
  ),
  'Gateway/Accepted/UnsupportedAddress': h(
    'The Gateway asks in spec.addresses for an address type the implementation cannot provide.',
    'Remove spec.addresses, or use an address type the implementation supports (usually IPAddress).',
  ),
  'Gateway/Accepted/Pending': h(
    'The controller has not processed the Gateway yet.',
    'Check that the GatewayClass named in spec.gatewayClassName exists and is Accepted.',
  ),
  'Gateway/Accepted/Invalid': h(
    "The Gateway's spec is invalid (for example its TLS configuration), so the controller refused it.",
    "Read the condition's message and fix the Gateway's spec.",
  ),
  'Gateway/Accepted/NotReconciled': h(
    'The controller has not processed the Gateway yet (an older name for Pending).',
    'Check that the GatewayClass named in spec.gatewayClassName exists and is Accepted.',
  ),
  'Gateway/ResolvedRefs/ResolvedRefs': h(
    "The Gateway's references resolve.",
    FINE,
  ),
  'Gateway/ResolvedRefs/ListenersNotResolved': h(
    'One or more listeners have references that do not resolve, usually a certificate.',
    "Look at the listeners' ResolvedRefs conditions to see which one and why.",
  ),
  'Gateway/ResolvedRefs/RefNotPermitted': h(
    "The Gateway's backend TLS configuration references an object in another namespace without a ReferenceGrant there.",
    "Create a ReferenceGrant in the object's namespace from Gateways in the Gateway's namespace, or move the object next to the Gateway.",
  ),
  'Gateway/ResolvedRefs/InvalidClientCertificateRef': h(
    'The client certificate the Gateway presents to backends is missing or invalid.',
    "Create the Secret the Gateway's backend TLS clientCertificateRef names, with a valid key pair.",
  ),
  'Gateway/InsecureFrontendValidationMode/ConfigurationChanged': h(
    'Client certificate validation allows insecure fallback, so clients without a valid certificate are let in.',
    'Set the frontend validation mode back to AllowValidOnly unless the fallback is intended.',
  ),
  'Gateway/Programmed/Programmed': h(
    'The Gateway is configured in the data plane and ready for traffic.',
    FINE,
  ),
  'Gateway/Programmed/Invalid': h(
    "The Gateway's configuration is invalid, so it was not sent to the data plane.",
    "Read the condition's message and fix the Gateway's spec.",
  ),
  'Gateway/Programmed/Pending': h(
    'The data plane is being configured for the Gateway.',
    "Wait a minute; if it stays Pending, look at the controller's logs.",
  ),
  'Gateway/Programmed/NoResources': h(
    'The controller could not get the resources the Gateway needs, such as proxy pods or a load balancer.',
    'Check quotas, node capacity and the events of the proxy Deployment and Service.',
  ),
  'Gateway/Programmed/AddressNotAssigned': h(
    'No address has been assigned to the Gateway yet: its LoadBalancer Service has no external IP.',
    'Check that the load-balancer provider (cloud, MetalLB, Cilium LB IPAM) has a free address in its pool.',
  ),
  'Gateway/Programmed/AddressNotUsable': h(
    'An address requested in spec.addresses cannot be used.',
    "Use an address from the load balancer's pool, or remove spec.addresses to get one assigned.",
  ),

  'Listener/Accepted/Accepted': h('The listener is valid.', FINE),
  'Listener/Accepted/PortUnavailable': h(
    "The listener's port is in use or not allowed by the implementation.",
    'Pick another port, or free the port on the data plane.',
  ),
  'Listener/Accepted/UnsupportedProtocol': h(
    "The implementation does not support the listener's protocol.",
    'Use HTTP, HTTPS or TLS, or an implementation-specific protocol the controller documents.',
  ),
  'Listener/Accepted/NoValidCACertificate': h(
    'None of the CA certificates the listener uses to validate client certificates could be loaded.',
    "Fix the listener's frontend validation caCertificateRefs so they point at valid CA certificates.",
  ),
  'Listener/Accepted/UnsupportedValue': h(
    'A field of the listener has a value the implementation does not support.',
    "Read the condition's message and change that field.",
  ),
  'Listener/Accepted/Pending': h(
    'The controller has not processed the listener yet.',
    "Wait a minute; if it stays Pending, look at the controller's logs.",
  ),
  'Listener/Conflicted/NoConflicts': h(
    'The listener does not conflict with another listener.',
    FINE,
  ),
  'Listener/Conflicted/HostnameConflict': h(
    'Another listener on the same port serves the same hostname, so traffic cannot be told apart.',
    'Give each listener on a port a different hostname, or merge them into one listener.',
  ),
  'Listener/Conflicted/ProtocolConflict': h(
    'Another listener uses the same port with an incompatible protocol (for example HTTP and HTTPS on one port).',
    'Move one of the listeners to another port.',
  ),
  'Listener/ResolvedRefs/ResolvedRefs': h(
    "The listener's references resolve.",
    FINE,
  ),
  'Listener/ResolvedRefs/InvalidCertificateRef': h(
    'A certificateRef of the listener points at a Secret that is missing or does not hold a valid TLS key pair, so HTTPS clients get no certificate.',
    "Create the Secret (usually by a cert-manager Certificate with that secretName) in the Gateway's namespace, or fix certificateRefs.",
  ),
  'Listener/ResolvedRefs/InvalidRouteKinds': h(
    "The listener's allowedRoutes.kinds lists a route kind its protocol cannot serve.",
    'Use HTTPRoute or GRPCRoute on HTTP and HTTPS listeners, and TLSRoute on TLS Passthrough listeners.',
  ),
  'Listener/ResolvedRefs/RefNotPermitted': h(
    'A certificateRef points at a Secret in another namespace, and no ReferenceGrant there allows the Gateway to read it.',
    "Create a ReferenceGrant in the Secret's namespace from Gateways in the Gateway's namespace to Secrets, or move the Secret next to the Gateway.",
  ),
  'Listener/ResolvedRefs/InvalidCACertificateRef': h(
    'A CA certificate reference used to validate client certificates is missing or invalid.',
    'Create the referenced ConfigMap or Secret with a valid CA bundle, or fix the reference.',
  ),
  'Listener/ResolvedRefs/InvalidCACertificateKind': h(
    'A CA certificate reference used to validate client certificates is of a kind the implementation does not support.',
    'Reference a ConfigMap (the core kind) holding the CA bundle.',
  ),
  'Listener/Programmed/Programmed': h(
    'The listener is configured in the data plane.',
    FINE,
  ),
  'Listener/Programmed/Invalid': h(
    'The listener is invalid, so it was not configured in the data plane.',
    "Look at the listener's other conditions to see why.",
  ),
  'Listener/Programmed/Pending': h(
    'The listener is being configured in the data plane.',
    "Wait a minute; if it stays Pending, look at the controller's logs.",
  ),
  'Listener/OverlappingTLSConfig/OverlappingHostnames': h(
    'The listener shares hostnames with another HTTPS listener on the port, so an HTTP/2 connection may be reused across them.',
    'Give the listeners hostnames that do not overlap, or accept that clients may see 421 Misdirected Request.',
  ),
  'Listener/OverlappingTLSConfig/OverlappingCertificates': h(
    "The listener's certificate also covers hostnames of another listener, so an HTTP/2 connection may be reused across them.",
    "Use certificates that cover only each listener's own hostnames.",
  ),
  'Listener/Accepted/TooManyListeners': h(
    'The Gateway already has as many listeners as the implementation can merge, so this ListenerSet listener was not added.',
    'Remove listeners the Gateway no longer needs, or put this hostname on another Gateway.',
  ),
  'Listener/Accepted/HostnameConflict': h(
    "An older listener of the same Gateway (its own, or an older ListenerSet's) already serves this hostname on this port, so this ListenerSet listener is not used.",
    'Use a hostname no other listener of the Gateway serves on this port, or remove the older listener if it is yours.',
  ),
  'Listener/Accepted/ProtocolConflict': h(
    'An older listener of the same Gateway uses this port with an incompatible protocol, so this ListenerSet listener is not used.',
    'Use the port the Gateway serves this protocol on (for HTTPS, 443), or another free port.',
  ),
  'Listener/Programmed/HostnameConflict': h(
    'The listener is not configured in the data plane because an older listener of the Gateway serves the same hostname on this port.',
    'Use a hostname no other listener of the Gateway serves on this port.',
  ),
  'Listener/Programmed/ProtocolConflict': h(
    'The listener is not configured in the data plane because an older listener of the Gateway uses the port with an incompatible protocol.',
    'Move the listener to a port the Gateway serves its protocol on.',
  ),
  'Listener/Conflicted/ListenerConflict': h(
    "The listener conflicts with another listener merged onto the same Gateway (its own or a ListenerSet's), so it serves no traffic.",
    'Give it a hostname or port no older listener of the Gateway uses.',
  ),

  'ListenerSet/Accepted/Accepted': h(
    'The Gateway admits this ListenerSet and its listeners are merged onto it.',
    FINE,
  ),
  'ListenerSet/Accepted/NotAllowed': h(
    "The Gateway does not admit ListenerSets from this namespace (its allowedListeners is unset, None, or does not select the namespace), so none of the ListenerSet's listeners serve traffic.",
    "Ask the platform team to admit the namespace in the Gateway's spec.allowedListeners (for a shared Gateway, usually a namespace selector on the tenant's label).",
  ),
  'ListenerSet/Accepted/ParentNotAccepted': h(
    "The ListenerSet's parent Gateway is missing or not Accepted, so its listeners cannot be merged onto it.",
    "Check spec.parentRef (name, and namespace when the Gateway is in another namespace) and the Gateway's own conditions.",
  ),
  'ListenerSet/Accepted/ListenersNotValid': h(
    "One or more of the ListenerSet's listeners are invalid or conflict with older listeners of the Gateway; the valid ones still serve traffic.",
    "Look at the listeners' conditions to see which one is wrong and why.",
  ),
  'ListenerSet/Accepted/Invalid': h(
    "The ListenerSet's spec is invalid (for example its parentRef is not a Gateway, or its TLS configuration), so the controller refused it.",
    "Read the condition's message and fix the ListenerSet's spec.",
  ),
  'ListenerSet/Accepted/Pending': h(
    'No controller has processed the ListenerSet yet.',
    "Check that the parent Gateway exists and that its GatewayClass's controller supports ListenerSets and is running.",
  ),
  'ListenerSet/Programmed/Programmed': h(
    "The ListenerSet's listeners are configured in the data plane.",
    FINE,
  ),
  'ListenerSet/Programmed/NotAllowed': h(
    'The ListenerSet is not configured in the data plane because the Gateway does not admit it.',
    "Ask the platform team to admit the namespace in the Gateway's spec.allowedListeners.",
  ),
  'ListenerSet/Programmed/Invalid': h(
    'The ListenerSet is invalid, so it was not configured in the data plane.',
    "Read its Accepted condition and its listeners' conditions to see why.",
  ),
  'ListenerSet/Programmed/ParentNotProgrammed': h(
    "The ListenerSet's parent Gateway is not Programmed, so its listeners are not in the data plane either.",
    "Look at the Gateway's Programmed condition and fix that first.",
  ),
  'ListenerSet/Programmed/ListenersNotValid': h(
    "None of the ListenerSet's listeners could be configured in the data plane.",
    "Look at the listeners' conditions to see which one is wrong and why.",
  ),
  'ListenerSet/Programmed/PortUnavailable': h(
    "A port one of the ListenerSet's listeners asks for cannot be used on the Gateway.",
    'Use a port the Gateway already serves (80 or 443), or ask the platform team which ports are open.',
  ),
  'ListenerSet/Programmed/Pending': h(
    "The ListenerSet's listeners are being configured in the data plane.",
    "Wait a minute; if it stays Pending, look at the controller's logs.",
  ),

  'Route/Accepted/Accepted': h('The Gateway accepted the route.', FINE),
  'Route/Accepted/NotAllowedByListeners': h(
    "No listener of the Gateway allows this route: its namespace is not allowed by the listeners' allowedRoutes, or its kind is not one they accept.",
    "Label the route's namespace so the listener's allowedRoutes selector matches it (ask the platform team to attach the namespace), or attach the route to a listener that accepts its kind.",
  ),
  'Route/Accepted/NoMatchingListenerHostname': h(
    "None of the route's hostnames match a hostname of the listeners it targets.",
    "Use a hostname under the listener's hostname (for *.team-a.example.org, any name ending in .team-a.example.org), or target a listener that serves it.",
  ),
  'Route/Accepted/NoMatchingParent': h(
    "The parentRef matches no Gateway or no listener: the Gateway does not exist in the namespace the parentRef names (the route's own namespace when the parentRef has none), or no listener has the sectionName or port asked for.",
    "Set parentRefs[].namespace to the Gateway's namespace, and check the name, sectionName and port.",
  ),
  'Route/Accepted/UnsupportedValue': h(
    'The route uses a value the implementation does not support.',
    "Read the condition's message and change that field.",
  ),
  'Route/Accepted/Pending': h(
    'The controller has not processed the route yet.',
    'Wait a minute; if it stays Pending, check that the Gateway exists and is Programmed.',
  ),
  'Route/Accepted/IncompatibleFilters': h(
    'The route combines filters the implementation cannot apply together.',
    'Remove one of the conflicting filters.',
  ),
  'Route/ResolvedRefs/ResolvedRefs': h(
    "All the route's backendRefs resolve.",
    FINE,
  ),
  'Route/ResolvedRefs/BackendNotFound': h(
    'A backendRef points at a Service (or port) that does not exist, so requests for it get an error (HTTP 500).',
    "Create the Service, or fix the backendRef's name, namespace and port.",
  ),
  'Route/ResolvedRefs/RefNotPermitted': h(
    'A backendRef points at a Service in another namespace, and no ReferenceGrant there allows it.',
    "Create a ReferenceGrant in the Service's namespace from this route's kind and namespace to Services, or move the route next to the Service.",
  ),
  'Route/ResolvedRefs/InvalidKind': h(
    'A backendRef points at a kind of object the implementation cannot send traffic to.',
    'Point backendRefs at Services (group "" and kind Service).',
  ),
  'Route/ResolvedRefs/UnsupportedProtocol': h(
    "A backend Service port's appProtocol is one the implementation cannot speak.",
    "Fix the Service port's appProtocol, or use a route kind that fits it.",
  ),
  'Route/PartiallyInvalid/UnsupportedValue': h(
    'Some rules of the route are invalid and were dropped; the others still serve traffic.',
    "Read the condition's message and fix the dropped rules.",
  ),

  'Certificate/Ready/Ready': h(
    'The certificate is issued, valid and stored in its Secret.',
    FINE,
  ),
  'Certificate/Ready/DoesNotExist': h(
    "The Certificate's Secret does not exist yet; cert-manager is issuing it.",
    'Wait for issuance; if it does not finish, look at the CertificateRequest, Order and Challenges.',
  ),
  'Certificate/Ready/MissingData': h(
    "The Certificate's Secret lacks the certificate or key; cert-manager is re-issuing it.",
    'Wait for issuance, and make sure nothing else writes to that Secret.',
  ),
  'Certificate/Ready/InvalidKeyPair': h(
    "The Secret's certificate does not match its private key; cert-manager is re-issuing it.",
    'Wait for issuance, and make sure nothing else writes to that Secret.',
  ),
  'Certificate/Ready/InvalidCertificate': h(
    'The Secret holds a certificate that cannot be parsed; cert-manager is re-issuing it.',
    'Wait for issuance, and make sure nothing else writes to that Secret.',
  ),
  'Certificate/Ready/IncorrectIssuer': h(
    "The stored certificate was issued by another issuer than the Certificate's issuerRef; cert-manager is re-issuing it.",
    'Wait for issuance.',
  ),
  'Certificate/Ready/IncorrectCertificate': h(
    'The stored certificate does not match the spec (for example its dnsNames changed); cert-manager is re-issuing it.',
    'Wait for issuance.',
  ),
  'Certificate/Ready/RequestChanged': h(
    'The Certificate spec changed since the last issuance; cert-manager is re-issuing it.',
    'Wait for issuance.',
  ),
  'Certificate/Ready/SecretMismatch': h(
    "The Secret's content does not match what cert-manager issued; it is re-issuing it.",
    'Make sure nothing else writes to that Secret.',
  ),
  'Certificate/Ready/Expired': h(
    'The certificate has expired and renewal has not succeeded; browsers refuse the site.',
    'Look at the CertificateRequest, Order and Challenges to see why renewal fails.',
  ),
  'Certificate/Ready/Renewing': h(
    'The certificate is being renewed before it expires.',
    FINE,
  ),
  'Certificate/Issuing/Failed': h(
    'The last issuance attempt failed; cert-manager retries with an increasing back-off.',
    'Read the message, then look at the CertificateRequest, Order and Challenges for the cause.',
  ),

  'CertificateRequest/Ready/Issued': h(
    'The issuer signed the certificate.',
    FINE,
  ),
  'CertificateRequest/Ready/Pending': h(
    'The issuer is still working on the request (for ACME, the Order and its Challenges).',
    'Wait; if it stays pending, look at the Order and Challenges.',
  ),
  'CertificateRequest/Ready/Failed': h(
    'The issuer failed to sign the certificate.',
    "Read the condition's message; for ACME, look at the Order and Challenges.",
  ),
  'CertificateRequest/Ready/Denied': h(
    'An approver denied the request.',
    'Check the approval policy (approver-policy) for this issuer and namespace.',
  ),
  'CertificateRequest/InvalidRequest/InvalidRequest': h(
    'The request is invalid for the issuer (for example a dnsName it may not sign).',
    "Read the condition's message and fix the Certificate's spec.",
  ),

  'Policy/Accepted/Accepted': h(
    'The controller attached the policy to this target.',
    FINE,
  ),
  'Policy/Accepted/Conflicted': h(
    'Another policy of the same kind already targets the same object (or the same section of it); the older one applies and this one does not.',
    'Merge the settings into the older policy, or point this one at another target (a sectionName, or a route).',
  ),
  'Policy/Accepted/Invalid': h(
    "The controller refused the policy's spec, so none of its settings apply.",
    "Read the condition's message and fix the policy's spec.",
  ),
  'Policy/Accepted/TargetNotFound': h(
    'The object the policy targets does not exist, so the policy applies to nothing.',
    "Fix the targetRef's kind, name and sectionName, in the policy's own namespace.",
  ),
  'Policy/Accepted/Pending': h(
    'The controller has not processed the policy yet.',
    "Wait a minute; if it stays Pending, look at the controller's logs.",
  ),

  'Issuer/Ready/ACMEAccountRegistered': h(
    'The issuer is registered with its ACME server.',
    FINE,
  ),
  'Issuer/Ready/KeyPairVerified': h(
    'The CA issuer has a valid key pair.',
    FINE,
  ),
  'Issuer/Ready/IsReady': h('The issuer is ready.', FINE),
  'Issuer/Ready/ErrRegisterACMEAccount': h(
    'The issuer could not register an account with its ACME server.',
    'Check the ACME server URL, the email, and that the cluster can reach the server.',
  ),
  'Issuer/Ready/ErrInitIssuer': h(
    'The issuer could not start, usually because its Secret is missing or invalid.',
    "Check the Secret the issuer's spec references.",
  ),
};

const MISTAKE_HINTS: Record<CommonMistake, Hint> = {
  namespaceNotAllowedByListener: h(
    "The route's namespace is not allowed by the listener's allowedRoutes, so the route is not attached and traffic never reaches the app.",
    'On a shared Gateway, label the namespace as the shared Gateway requires (its opt-in label, such as shared-gateway-access: "true"); on a tenant Gateway, ask the platform team to attach the namespace to the tenant, which adds it to allowedRoutes.',
  ),
  parentRefWithoutNamespace: h(
    "The parentRef has no namespace, so it looks for the Gateway in the route's own namespace, finds none, and the route stays unattached.",
    "Add namespace: <the Gateway's namespace> to the parentRef.",
  ),
  listenerSetNotAllowed: h(
    "The Gateway does not admit this ListenerSet: its allowedListeners is missing (which admits none) or does not match the ListenerSet's namespace. None of the ListenerSet's listeners serve traffic, and routes attached to it are not reached.",
    "Ask the platform team to admit the tenant's namespace in the Gateway's spec.allowedListeners (a namespace selector on the tenant's label), or move the listener to a Gateway that admits it.",
  ),
  listenerSetParentNotFound: h(
    "The ListenerSet's parentRef names a Gateway that does not exist (without a namespace it looks in the ListenerSet's own namespace), so its listeners are merged nowhere.",
    "Set spec.parentRef.name and spec.parentRef.namespace to the shared Gateway's name and namespace.",
  ),
  sectionNameInListenerSet: h(
    "The parentRef names the Gateway with a sectionName that is not one of the Gateway's own listeners: that listener lives in a ListenerSet, and a Gateway parentRef never reaches a ListenerSet's listeners.",
    'Point the parentRef at the ListenerSet instead: group gateway.networking.k8s.io, kind ListenerSet, its name and namespace, and the same sectionName.',
  ),
  listenerConflict: h(
    "The ListenerSet's listener uses the same port and hostname as an older listener of the Gateway (the Gateway's own, or an older ListenerSet's), or the same port with an incompatible protocol. The older one wins, so this listener serves no traffic.",
    'Use a hostname that no other listener of the Gateway serves on that port (a hostname of your own domains), or remove the older listener if it is yours.',
  ),
  noCertificateForHostname: h(
    "The HTTPS listener has no certificate for the route's hostname, so the TLS handshake fails and clients cannot connect.",
    "Issue a Certificate for the hostname and add its Secret to the listener's certificateRefs.",
  ),
  missingReferenceGrant: h(
    'The route references a Service in another namespace without a ReferenceGrant there, so that backend is not used.',
    "Create a ReferenceGrant in the Service's namespace that allows the route's kind from the route's namespace.",
  ),
  policyInWrongNamespace: h(
    'A policy (for example a ClientTrafficPolicy) targets a Gateway in another namespace, so it is silently ignored.',
    'Create the policy in the namespace of the Gateway it targets.',
  ),
  staleObservedGeneration: h(
    'The controller has not yet processed the latest change: the conditions describe an older version of the spec.',
    'Wait a moment; if it lasts, check that the controller is running.',
  ),
  issuerNotFound: h(
    'The Certificate references an Issuer or ClusterIssuer that does not exist, so it can never be issued.',
    "Create the issuer, or fix the Certificate's issuerRef (name and kind: Issuer is per namespace, ClusterIssuer is cluster-wide).",
  ),
  issuerNotReady: h(
    'The issuer is not Ready, so new certificates and renewals fail.',
    "Read the issuer's Ready condition; for ACME, check the server URL and account registration.",
  ),
  secretMissing: h(
    "The Certificate's Secret is missing; the listener has no certificate until cert-manager recreates it.",
    'Wait for cert-manager to re-issue it, and make sure nothing deletes the Secret.',
  ),
  http01ChallengeUnreachable: h(
    'The ACME server could not fetch the HTTP-01 challenge: the acme-challenge listener on port 80 is not reachable from the internet, or does not route /.well-known/acme-challenge/ to cert-manager.',
    "Check that the Gateway's HTTP listener on port 80 is Programmed and reachable from outside, and that its allowedRoutes admit cert-manager's solver route.",
  ),
  dnsNotPointingAtGateway: h(
    "The hostname's DNS does not point at the Gateway's address, so the ACME server cannot reach the challenge (and clients cannot reach the site).",
    "Create a DNS A/AAAA (or CNAME) record for the hostname pointing at the Gateway's address.",
  ),
  dns01ChallengeFailing: h(
    'The DNS-01 challenge failed: the TXT record was not created or has not propagated.',
    "Check the issuer's DNS provider credentials and that the zone is the one serving the hostname.",
  ),
  acmeRejected: h(
    'The ACME server rejected the order (for example a rate limit or a name it will not sign).',
    "Read the Order's reason; for rate limits wait, or test with the ACME staging server.",
  ),
  certificateExpiring: h(
    'The certificate expires soon and has not been renewed yet.',
    'Check that renewal is not failing (CertificateRequest, Order, Challenges, issuer Ready).',
  ),
  certificateExpired: h(
    'The certificate has expired; browsers refuse the site.',
    'Find why renewal fails (CertificateRequest, Order, Challenges, issuer Ready) and fix it.',
  ),
  hostnameOfAnotherTenant: h(
    "The route serves a hostname outside its own tenant's domains: it takes traffic meant for another tenant (the Gateway API serves whichever route came first). Gatehouse refuses this for new exposures; this one was made another way, such as kubectl or an old setup.",
    "Move the hostname to the tenant that owns its domain (expose it from there and delete this route), or give this route a hostname of its own tenant's domains. Installing Gatehouse's admission policies stops it from happening again.",
  ),
  hostnameSharedByIngressAndRoute: h(
    'An Ingress of one tenant and a route of another serve the same hostname: two controllers answer for one name, and which one a client reaches depends on where DNS points. One of them takes traffic meant for the other.',
    "Keep the hostname with the tenant whose domain it lies in: remove the host from the other tenant's Ingress or route. Gatehouse counts a hostname an Ingress serves as taken by that Ingress's tenant.",
  ),
  proxyProtocolWithoutClientTrafficPolicy: h(
    "The Gateway's load balancer sends the PROXY protocol header (its EnvoyProxy asks the cloud for it), but no ClientTrafficPolicy tells Envoy to read it: Envoy takes the header for a malformed HTTP request and answers every request with 400 Bad Request.",
    "Create a ClientTrafficPolicy in the Gateway's namespace that targets the Gateway with proxyProtocol: { optional: false }, or turn PROXY protocol off on the load balancer.",
  ),
  proxyProtocolOptional: h(
    'The ClientTrafficPolicy accepts connections without a PROXY header (proxyProtocol.optional: true): a client that reaches Envoy directly, not through the load balancer, is believed about its own address, which bypasses client-IP rules and rate limits.',
    'Set proxyProtocol.optional to false, so every connection must come through the load balancer.',
  ),
  clientIpModesMixed: h(
    'The ClientTrafficPolicy takes the client IP from two places at once (the PROXY protocol header and an X-Forwarded-For or custom header, or both headers): Envoy then trusts a header any client can write, so the client IP can be spoofed.',
    'Keep one mode: proxyProtocol when clients reach the load balancer directly, or clientIPDetection.xForwardedFor (or customHeader) when your own proxy or CDN sits in front.',
  ),
  wrongNumTrustedHops: h(
    'The ClientTrafficPolicy trusts a number of X-Forwarded-For hops that cannot match a real chain of proxies: 0 makes Envoy ignore the header (the client IP is the load balancer), and a count above the proxies in front lets a caller pick their own client IP.',
    'Set clientIPDetection.xForwardedFor.numTrustedHops to the number of proxies you run in front of the load balancer (1 for a single CDN, WAF or edge proxy).',
  ),
  listenerCountNearLimit: h(
    'The Gateway has nearly the 64 listeners the Gateway API allows on one Gateway (one listener per hostname fills it quickly); past that, no new hostname can be added to it.',
    'On Gateway API v1.5 and later, move hostname listeners into ListenerSets (the Gateway admits them through allowedListeners), or spread hostnames over another Gateway.',
  ),
  policyTargetNotFound: h(
    'The policy targets objects that do not exist in its namespace (a renamed or deleted route or Gateway, a misspelt name, or a sectionName no listener or rule has), so it applies to nothing and no controller reports on it.',
    "Fix the policy's targetRefs (kind, name, sectionName) to name an object in the policy's own namespace, or delete the policy.",
  ),
  policyOfAnotherImplementation: h(
    "The policy belongs to one Gateway API implementation (for example Envoy Gateway's BackendTrafficPolicy or NGINX Gateway Fabric's UpstreamSettingsPolicy), but the Gateways its targets lead to are run by another, whose controller ignores it: it applies to nothing, and no controller reports on it.",
    "Write the setting as the policy of the implementation serving the Gateway (its GatewayClass's controllerName says which), or attach the route to a Gateway of the policy's implementation; otherwise delete the policy.",
  ),
  tenantMetadataOutOfDate: h(
    "The tenant was provisioned by an older Gatehouse: its namespaces lack metadata that provisioning writes today (a child's ancestor tenants, the attached-to label and domains of an attached namespace) or keep some it no longer writes. The admission policies trust that metadata, so they may refuse the tenant's own routes in its attached namespaces, or a change of its parent's.",
    "Refresh the tenant: the platform team's Refresh tenants template provisions it again from the input it was provisioned with, and reports what changed.",
  ),
};

/**
 * The hint for a condition reason of an object, or undefined when the reason is unknown.
 *
 * @public
 */
export function hintForCondition(
  subject: HintSubject,
  type: string | undefined,
  reason: string | undefined,
): Hint | undefined {
  return CONDITION_HINTS[`${subject}/${type}/${reason}`];
}

/**
 * The hint for a common mistake.
 *
 * @public
 */
export function hintForMistake(mistake: CommonMistake): Hint {
  return MISTAKE_HINTS[mistake];
}

/**
 * Every known condition reason, as `<subject>/<type>/<reason>`, for documentation and tests.
 *
 * @public
 */
export const KNOWN_CONDITION_REASONS: readonly string[] =
  Object.keys(CONDITION_HINTS);
