import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { promisify } from 'node:util';
import { generate } from 'selfsigned';

export interface Listener {
  port: number;
  address: string;
  close(): Promise<void>;
}

type Pems = { private: string; cert: string };

let certificate: Promise<Pems> | undefined;

/** One self-signed certificate per process; kubeconfigs skip verification (loopback only). */
function selfSignedCertificate(): Promise<Pems> {
  certificate ??= promisify<unknown, unknown, Pems>(generate as never)(
    [{ name: 'commonName', value: 'dev-cluster' }],
    { keySize: 2048, days: 365, algorithm: 'sha256' },
  );
  return certificate;
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
  const pems = await selfSignedCertificate();
  const plain = http.createServer(handler);
  const secure = https.createServer(
    { key: pems.private, cert: pems.cert },
    handler,
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
