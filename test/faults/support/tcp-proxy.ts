import net from 'node:net';

export interface TcpProxy {
  /** host:port to connect to instead of the target. */
  address: string;
  /**
   * From now on, bytes from clients are dropped (never reach the target), on the connections open now
   * and on new ones until `release`: a call in flight hangs as on a network that lost its packets.
   */
  hold(): void;
  /** New connections are forwarded again; those held stay held until they close. */
  release(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `target` (host:port) that can stop forwarding, for cutting a service off one process. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  let holding = false;
  const open = new Set<{ held: boolean; client: net.Socket; upstream: net.Socket }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host);
    const connection = { held: holding, client, upstream };
    open.add(connection);
    client.on('data', (chunk) => {
      if (!connection.held) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      open.delete(connection);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    hold() {
      holding = true;
      for (const connection of open) connection.held = true;
    },
    release() {
      holding = false;
    },
    async close() {
      for (const connection of open) {
        connection.client.destroy();
        connection.upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
