import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
