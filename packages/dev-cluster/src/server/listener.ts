import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import {
  CertificateIdentity,
  DevClusterPki,
  identityOfPeer,
} from '../auth/pki';

export interface Listener {
  port: number;
  address: string;
  close(): Promise<void>;
}

let pki: DevClusterPki | undefined;

/** One certificate authority per process: it signs the serving and the client certificates. */
export function devClusterPki(): DevClusterPki {
  pki ??= new DevClusterPki();
  return pki;
}

const peerIdentities = new WeakMap<http.IncomingMessage, CertificateIdentity>();

/**
 * The user a request's TLS client certificate names, when the dev cluster's CA signed it
 * (CN the user, O the groups, as the apiserver's x509 authenticator reads them).
 */
export function clientCertificateOf(
  req: http.IncomingMessage,
): CertificateIdentity | undefined {
  return peerIdentities.get(req);
}

/**
 * Serves plain HTTP and HTTPS on one port, told apart by the first byte (0x16 opens a TLS
 * handshake). kubectl only sends bearer tokens over TLS; node clients may use either.
 */
export async function listen(
  handler: http.RequestListener,
  host: string,
  port: number,
): Promise<Listener> {
  const authority = devClusterPki();
  const serving = authority.servingCertificate(host);
  const plain = http.createServer(handler);
  // A client certificate is asked for, not required: bearer-token clients send none.
  const secure = https.createServer(
    {
      key: serving.key,
      cert: serving.cert,
      ca: authority.caCert,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const socket = req.socket as tls.TLSSocket;
      if (socket.authorized) {
        const identity = identityOfPeer(socket.getPeerCertificate().subject);
        if (identity) peerIdentities.set(req, identity);
      }
      handler(req, res);
    },
  );
  const sockets = new Set<net.Socket>();
  const front = net.createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that resets before its first byte must not take the process down.
    socket.on('error', () => socket.destroy());
    socket.once('data', first => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(port, host, () => resolve());
  });
  const info = front.address() as net.AddressInfo;
  return {
    port: info.port,
    address: info.family === 'IPv6' ? `[${info.address}]` : info.address,
    close: async () => {
      await new Promise<void>(resolve => {
        front.close(() => resolve());
        plain.closeAllConnections();
        secure.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
