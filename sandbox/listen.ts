import http from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import type { RequestListener } from 'node:http';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serves an app on 127.0.0.1 only (port 0 = any free port); close() also drops keep-alive connections. */
export function listenOnLoopback(app: RequestListener, port = 0): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * A loopback port nobody uses right now: for a service whose public origin (what HubSpot signs over, what links
 * point to) must be known before it listens.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
