import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * How the target becomes unreachable:
 * - `refuse`: the proxy stops accepting (connections are refused) and resets every
 *   proxied connection, as when the database process or its host goes down;
 * - `blackhole`: nothing answers any more, yet nothing is reset either (connections stay
 *   open, new ones are accepted and never served), as in a network partition.
 */
export type CutMode = 'refuse' | 'blackhole';

export interface TcpProxy {
  port: number;
  cut(mode?: CutMode): Promise<void>;
  /**
   * Serves again on the same port. Connections from the outage are reset (as a
   * partition that lasted past TCP's patience leaves them): clients connect anew.
   */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `targetPort`, so a test can cut a server off its database. */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let state: 'up' | CutMode = 'up';
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    // A destroyed peer is the point of the exercise, not a failure of the proxy.
    s.on('error', () => undefined);
  };
  const makeServer = () =>
    createServer((client) => {
      track(client);
      if (state === 'blackhole') {
        client.pause();
        return;
      }
      const upstream = connect(targetPort, targetHost);
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
  return {
    port,
    cut: async (mode = 'refuse') => {
      if (state !== 'up') return;
      state = mode;
      if (mode === 'refuse') {
        await stop(server);
        return;
      }
      for (const s of sockets) {
        s.unpipe();
        s.pause();
      }
    },
    restore: async () => {
      if (state === 'up') return;
      const was = state;
      state = 'up';
      if (was === 'blackhole') {
        for (const s of sockets) s.destroy();
        return;
      }
      server = makeServer();
      await listen(server, port);
    },
    close: async () => {
      if (state !== 'refuse') await stop(server);
      state = 'refuse';
    },
  };
}
