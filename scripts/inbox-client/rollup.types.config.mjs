// Bundles the client's types, with the contract's types they use, into one
// .d.ts beside the one-file build, so the pair can be copied into any project.
import { dts } from "rollup-plugin-dts";

export default {
  input: "src/inbox-client.ts",
  output: { file: "dist/inbox-client.d.ts", format: "es" },
  plugins: [dts({ respectExternal: true, tsconfig: "tsconfig.json" })],
};
