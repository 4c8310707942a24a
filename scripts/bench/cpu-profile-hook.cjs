// Loaded into the lab's apps by `npm run bench -- --profile` (NODE_OPTIONS=--require …): Node refuses
// --cpu-prof in NODE_OPTIONS, and `next start` runs its server in a child process that only
// NODE_OPTIONS reaches. Starts V8's sampling profiler through the inspector and writes a .cpuprofile
// (the format of --cpu-prof) to BENCH_PROFILE_DIR when the process exits or is asked to stop.
const fs = require("node:fs");
const inspector = require("node:inspector");
const path = require("node:path");

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // An in-process session answers synchronously: the profile is written before this returns.
    session.post("Profiler.stop", (error, result) => {
      if (error || !result) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on("exit", write);
  process.on("SIGTERM", () => {
    write();
    // The app's own SIGTERM handler (graceful shutdown) runs too; if there is none, stop as Node would.
    if (process.listenerCount("SIGTERM") === 1) process.exit(143);
    setTimeout(() => process.exit(143), 10_000).unref();
  });
}
