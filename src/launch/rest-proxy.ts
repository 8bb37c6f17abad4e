/**
 * The REST proxy between Herald hosts and Discord (README, "Running at scale"):
 *
 *   node dist/src/launch/rest-proxy.js          (built; the Docker image)
 *   node --import tsx src/launch/rest-proxy.ts  (sources)
 *
 * PROXY_PORT (default 8080) and PROXY_UPSTREAM_URL (default https://discord.com/api); each Herald
 * then sets DISCORD_API_URL=http://<proxy host>:<port>/api. Stops on SIGTERM/SIGINT.
 */
import { EXIT } from '../exit-codes.js';
import { createLogger } from '../log.js';
import { startRestProxy } from '../scale/rest-proxy.js';

const logger = createLogger({ level: 'info' });
const port = Number(process.env.PROXY_PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write('REST proxy cannot start: PROXY_PORT must be a port number\n');
  process.exit(EXIT.config);
}
const upstream = process.env.PROXY_UPSTREAM_URL?.trim() || undefined;
const proxy = await startRestProxy({ port, logger, ...(upstream ? { upstream } : {}) });
const stop = () => void proxy.close().then(() => process.exit(EXIT.ok));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
