// A small, stateful stand-in for the parts of Auth0's Management API our
// scripts use, enforcing the documented rules that make real tenants fail
// (see auth0-rules.ts). Test tooling, never deployed: the tests of
// scripts/operator/auth0 start one per test and read its state and requests.
export type {
  ManagementApiStandIn,
  RecordedRequest,
  StandInOptions,
} from "./server.js";
export { startManagementApiStandIn } from "./server.js";
export type {
  StandInState,
  StoredAction,
  StoredEmailProvider,
  StoredMethod,
  StoredPhoneMethod,
  StoredProvider,
  StoredSecret,
  StoredTotpMethod,
  StoredUser,
  TestSend,
} from "./state.js";
export { ALL_SCOPES } from "./tokens.js";
