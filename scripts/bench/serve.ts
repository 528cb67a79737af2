/** Serves the built app for a benchmark, in its own process, on the port given; prints READY. */
import path from "node:path";
import { createApp, listen } from "../lib/http";

const port = Number(process.argv[2]);
const app = await createApp({ uploadsDir: path.join(process.env.DATA_DIR ?? ".data", "uploads") });
const server = await listen(app, port, "127.0.0.1");
console.log("READY");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
process.on("SIGINT", () => server.close(() => process.exit(0)));
