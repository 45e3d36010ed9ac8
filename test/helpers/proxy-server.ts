// A forward proxy on 127.0.0.1 for tests: CONNECT tunnels (what undici's ProxyAgent sends) to a fixed local target.
import { createServer } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

export interface ProxyServer {
  url: string;
  /** "CONNECT host:port" of every tunnel asked for, with the Proxy-Authorization header when sent. */
  connects: { target: string; auth: string | null }[];
  close(): Promise<void>;
}

/**
 * Every tunnel is connected to `route(host, port)` (e.g. the replay server): the proxy is the only thing
 * that can "resolve" the hosts the client names. `null` refuses the tunnel with 403.
 */
export async function startProxyServer(route: (host: string, port: number) => { host: string; port: number } | null): Promise<ProxyServer> {
  const connects: ProxyServer["connects"] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => res.writeHead(405).end("this proxy only tunnels (CONNECT)"));
  server.on("connect", (req, client: Socket) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    const [host, portText] = (req.url ?? "").split(":");
    connects.push({ target: req.url ?? "", auth: (req.headers["proxy-authorization"] as string | undefined) ?? null });
    const to = route(host ?? "", Number(portText));
    if (!to) {
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const upstream = connect(to.port, to.host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
