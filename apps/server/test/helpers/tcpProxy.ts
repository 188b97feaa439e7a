import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /**
   * Makes the target unreachable: stops accepting (new connections are refused) and
   * destroys every proxied connection, as when the database host goes away.
   */
  cut(): Promise<void>;
  /** Accepts and forwards again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `targetPort`, so a test can cut a server off its database. */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    // A destroyed peer is the point of the exercise, not a failure of the proxy.
    s.on('error', () => undefined);
  };
  const makeServer = () =>
    createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      track(client);
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const stop = (server: Server) =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });

  let server = makeServer();
  const port = await listen(server, 0);
  let up = true;
  return {
    port,
    cut: async () => {
      if (!up) return;
      up = false;
      await stop(server);
    },
    restore: async () => {
      if (up) return;
      server = makeServer();
      await listen(server, port);
      up = true;
    },
    close: async () => {
      if (up) await stop(server);
      up = false;
    },
  };
}
