import net from "node:net";
import { StartupError } from "./errors";

/** Resolves when `port` on `host` can be bound; throws a one-line StartupError when it is taken. */
export async function assertPortFree(port: number, what: string, envName: string, host = "127.0.0.1") {
  const free = await isPortFree(port, host);
  if (!free) {
    throw new StartupError(
      `Port ${port} (${what}) is already in use: stop whatever holds it or set ${envName} to another port.`,
    );
  }
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** An unused port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
