import net from 'node:net';

export interface TcpBalancer {
  /** host:port that clients connect to instead of the targets. */
  address: string;
  /** Connections forwarded to each target so far (in the order of `targets`). */
  connections(): number[];
  close(): Promise<void>;
}

/**
 * A loopback TCP load balancer over `targets` (host:port each), as a deployment puts one in front of
 * several Temporal frontends: each new connection goes to the next target in turn, and to the one
 * after when that one refuses it (a dead node). A connection whose target dies is closed, so its
 * client reconnects, and lands on a live target. Bytes are forwarded unchanged (gRPC over HTTP/2).
 */
export async function startTcpBalancer(targets: string[]): Promise<TcpBalancer> {
  const parsed = targets.map((target) => ({ host: target.slice(0, target.lastIndexOf(':')), port: Number(target.slice(target.lastIndexOf(':') + 1)) }));
  const forwarded = targets.map(() => 0);
  const open = new Set<net.Socket>();
  let next = 0;

  /** Connects to the first target, from `start` on, that accepts; undefined when none does. */
  function connectUpstream(start: number, tried = 0): Promise<{ socket: net.Socket; index: number } | undefined> {
    if (tried >= parsed.length) return Promise.resolve(undefined);
    const index = (start + tried) % parsed.length;
    return new Promise((resolve) => {
      const socket = net.connect(parsed[index].port, parsed[index].host);
      socket.setNoDelay(true);
      const failed = () => {
        socket.destroy();
        resolve(connectUpstream(start, tried + 1));
      };
      socket.once('error', failed);
      socket.once('connect', () => {
        socket.off('error', failed);
        resolve({ socket, index });
      });
    });
  }

  const server = net.createServer((client) => {
    open.add(client);
    client.setNoDelay(true);
    client.pause();
    const start = next;
    next = (next + 1) % parsed.length;
    const end = () => {
      open.delete(client);
      client.destroy();
    };
    client.on('error', end).on('close', end);
    void connectUpstream(start).then((upstream) => {
      if (!upstream || client.destroyed) {
        upstream?.socket.destroy();
        end();
        return;
      }
      const { socket } = upstream;
      forwarded[upstream.index]++;
      open.add(socket);
      const endBoth = () => {
        open.delete(socket);
        socket.destroy();
        end();
      };
      socket.on('error', endBoth).on('close', endBoth);
      client.on('close', endBoth);
      client.pipe(socket);
      socket.pipe(client);
      client.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections: () => [...forwarded],
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
