// An owner for process-group.test.ts to kill outright: it starts a guarded
// group running the leader script it is given, passes on the leader's output,
// and waits.
//   node --import tsx process-group-owner.fixture.ts <leader script> <grace ms>
import { spawnGuardedGroup } from "./process-group.js";

const [leader = "", graceMs = "60000"] = process.argv.slice(2);
const group = spawnGuardedGroup(process.execPath, ["-e", leader], {
  stopSignal: "SIGINT",
  graceMs: Number(graceMs),
});
group.process.stdout?.pipe(process.stdout);
setInterval(() => {}, 1000);
