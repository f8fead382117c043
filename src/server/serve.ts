// Starts a gateway on its host and port and stops it gracefully (the app's close hooks): new calls get 503,
// open streams are drained, then the log is flushed and the Redis connection and provider pools closed.
import type { AddressInfo } from 'node:net';
import { buildApp, type AppOptions } from './app.ts';
import type { GatewayConfig } from './config.ts';
import { createGateway, type Gateway, type GatewayOptions } from './gateway.ts';

export interface RunningGateway {
  url: string;
  gateway: Gateway;
  /** Stops accepting calls, waits for those in flight (streams included) to end, then releases everything. */
  close(): Promise<void>;
}

export async function startGateway(
  config: GatewayConfig,
  options: GatewayOptions & AppOptions & { host?: string; port?: number } = {},
): Promise<RunningGateway> {
  const gateway = await createGateway(config, options);
  let app;
  try {
    app = buildApp(gateway, options);
    await app.listen({ host: options.host ?? config.server.host, port: options.port ?? config.server.port });
  } catch (e) {
    await gateway.close();
    throw e;
  }
  const { address, port } = app.server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    gateway,
    close: () => app.close(),
  };
}
