// Outbound proxies: HTTP_PROXY / HTTPS_PROXY / NO_PROXY, as read by src/config.ts, for every fetch.
import { Agent, EnvHttpProxyAgent, type Dispatcher } from "undici";

export interface ProxySettings {
  /** Proxy for http:// URLs, or null. */
  httpProxy: string | null;
  /** Proxy for https:// URLs (tunnelled with CONNECT), or null (then httpProxy is used, as curl does). */
  httpsProxy: string | null;
  /** Comma-separated hosts, domains (.example.com), host:port or "*" that bypass the proxy. */
  noProxy: string;
}

export const NO_PROXY_SETTINGS: ProxySettings = { httpProxy: null, httpsProxy: null, noProxy: "" };

export function usesProxy(p: ProxySettings): boolean {
  return p.httpProxy !== null || p.httpsProxy !== null;
}

type AgentOptions = ConstructorParameters<typeof Agent>[0];

/**
 * undici's EnvHttpProxyAgent with every value passed explicitly: given undefined it would read process.env
 * itself, and config.ts is the only reader of the environment. Without a proxy, a plain Agent.
 */
export function outboundDispatcher(proxy: ProxySettings, agentOptions: AgentOptions): Dispatcher {
  if (!usesProxy(proxy)) return new Agent(agentOptions);
  return new EnvHttpProxyAgent({
    ...agentOptions,
    httpProxy: proxy.httpProxy ?? "",
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? "",
    noProxy: proxy.noProxy,
  });
}
