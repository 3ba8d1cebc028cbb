// Test helper: starts the embedded PostgreSQL in the folder given as argv[2], prints its URL,
// and holds it until killed. Run with `tsx --conditions=react-server`.
import { startEmbeddedPostgres } from "@/lib/server/db/embedded";

const cluster = await startEmbeddedPostgres({ dataDir: process.argv[2]!, log: () => {} });
console.log(`URL ${cluster.url}`);
const stop = () => void cluster.stop().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
setInterval(() => {}, 60_000);
