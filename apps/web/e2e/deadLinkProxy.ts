import { createServer, connect, type Server, type Socket } from 'node:net';

/** One connection through the proxy: the browser's side, the server's side. */
interface Pair {
  client: Socket;
  upstream: Socket;
  /** Dead: every byte either way is dropped, and neither side hears the other close. */
  dead: boolean;
  /** Carries a websocket (its first bytes asked for an upgrade); else plain HTTP. */
  websocket: boolean;
}

/**
 * A TCP proxy between the browser and the server that can make the path dead the way a
 * venue's Wi-Fi does: the sockets stay open, packets vanish, no FIN or RST arrives. While
 * dead, new connections are accepted and black-holed too. Healed, new connections pass;
 * websockets that were open when the path died stay dead (the client must notice and
 * reconnect), while idle HTTP keep-alive sockets are dropped so page loads get fresh ones,
 * as a browser would after its own timeouts.
 */
export class DeadLinkProxy {
  private readonly server: Server;
  private readonly pairs = new Set<Pair>();
  private dropping = false;
  private port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    this.port = address.port;
    return `http://127.0.0.1:${this.port}`;
  }

  /** From now on, nothing passes, on open connections or new ones. */
  drop(): void {
    this.dropping = true;
    for (const pair of this.pairs) pair.dead = true;
  }

  /** New connections pass again. */
  heal(): void {
    this.dropping = false;
    for (const pair of this.pairs) {
      if (pair.dead && !pair.websocket) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
    }
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    const pair: Pair = { client, upstream, dead: this.dropping, websocket: false };
    this.pairs.add(pair);
    let first = true;
    client.on('data', (data) => {
      if (first) pair.websocket = /^upgrade:\s*websocket/im.test(data.toString('latin1'));
      first = false;
      if (!pair.dead) upstream.write(data);
    });
    upstream.on('data', (data) => {
      if (!pair.dead) client.write(data);
    });
    const forget = () => this.pairs.delete(pair);
    // A live path carries closes both ways; a dead one tells the browser nothing.
    client.on('close', () => {
      upstream.destroy();
      forget();
    });
    upstream.on('close', () => {
      if (!pair.dead) client.destroy();
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  }
}
