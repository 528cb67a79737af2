/**
 * A child process that starts the embedded services the way `npm start` does (for the tests of
 * what a hard-killed start leaves behind), prints READY, and stops them on SIGTERM.
 */
import { startServices } from "../../scripts/lib/services";

const services = await startServices({ log: (s) => console.log(s), migrate: false });
process.on("SIGTERM", () => {
  void services.stop().then(() => process.exit(0));
});
console.log("READY");
