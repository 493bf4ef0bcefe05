// A TCP proxy on 127.0.0.1 the tests control, for database fault tests. `blackhole()` is a
// network partition: bytes stop moving both ways, with no reset, so both ends see silence
// rather than an error; connections opened meanwhile are accepted and then hear nothing.
// `heal()` lets traffic pass again. A side that gives up during the partition (a client
// resetting its socket after a deadline) takes its unsent bytes with it, as TCP would:
// the partner connection is destroyed without forwarding what was held back.
import net from "node:net";

export interface TcpProxy {
  port: number;
  blackhole(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let partitioned = false;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    // Plain data events rather than pipe(): pipe resumes a source on drain, which would undo a partition.
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => client.write(chunk));
    if (partitioned) hold(pair);
  });

  // Paused sockets leave the bytes in the kernel's buffers; nothing is forwarded or answered.
  const hold = (pair: { client: net.Socket; upstream: net.Socket }) => {
    pair.client.pause();
    pair.upstream.pause();
  };
  const release = (pair: { client: net.Socket; upstream: net.Socket }) => {
    pair.client.resume();
    pair.upstream.resume();
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    blackhole() {
      partitioned = true;
      for (const pair of pairs) hold(pair);
    },
    heal() {
      partitioned = false;
      for (const pair of pairs) release(pair);
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
