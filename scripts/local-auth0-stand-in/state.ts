// The stand-in tenant's in-memory state, in the shape the Management API
// stores it. Tests read it to assert what a run changed and write it to start
// from a tenant that already has things (an old Action, a Twilio provider).
import { randomBytes } from "node:crypto";

export interface StoredSecret {
  name: string;
  value: string;
  updated_at: string;
}

export interface StoredAction {
  id: string;
  name: string;
  supported_triggers: { id: string; version: string }[];
  code: string;
  runtime: string;
  dependencies: { name: string; version: string }[];
  secrets: StoredSecret[];
  status: "pending" | "building" | "built" | "failed";
  /** Reads of the Action left before its build finishes. */
  readsUntilBuilt: number;
  all_changes_deployed: boolean;
  deployed?: { id: string; number: number; code: string; runtime: string; secrets: StoredSecret[] };
  versions: number;
  created_at: string;
  updated_at: string;
}

export interface StoredProvider {
  id: string;
  name: "custom" | "twilio";
  disabled: boolean;
  configuration: { delivery_methods: string[] };
  created_at: string;
  updated_at: string;
}

/** The tenant's one email provider; none means Auth0's built-in one sends the email. */
export interface StoredEmailProvider {
  name: string;
  enabled: boolean;
  default_from_address?: string;
  credentials: Record<string, unknown>;
}

export interface StoredPhoneMethod {
  id: string;
  type: "phone";
  phone_number: string;
  preferred_authentication_method: string;
  confirmed: boolean;
  created_at: string;
}

/** An authenticator-app (TOTP) enrolment. */
export interface StoredTotpMethod {
  id: string;
  type: "totp";
  name?: string;
  confirmed: boolean;
  created_at: string;
  /**
   * Kept so tests can check which secret Auth0 would verify codes against;
   * never in an answer (the list shows no secret on a real tenant either).
   */
  totp_secret: string;
}

export type StoredMethod = StoredPhoneMethod | StoredTotpMethod;

export interface StoredUser {
  user_id: string;
  email: string;
  name: string;
  methods: StoredMethod[];
}

export interface TestSend {
  to: string;
  delivery_method: string;
  /** When the stand-in ran the deployed Action: the code it sent and what the Action told Auth0. */
  outcome?: { code: string; drops: string[]; retries: string[] };
}

export interface StandInState {
  actions: StoredAction[];
  /** Action ids bound to each provider trigger, in order. */
  bindings: Record<"custom-phone-provider" | "custom-email-provider", string[]>;
  providers: StoredProvider[];
  emailProvider: StoredEmailProvider | undefined;
  tenantSettings: { phone_consolidated_experience: boolean };
  factors: Record<string, boolean>;
  messageTypes: string[];
  users: StoredUser[];
  testSends: TestSend[];
}

export const now = () => new Date().toISOString();

export function emptyState(): StandInState {
  return {
    actions: [],
    bindings: { "custom-phone-provider": [], "custom-email-provider": [] },
    providers: [],
    emailProvider: undefined,
    // New tenants have the tenant-level phone provider on; ours starts off to exercise the step.
    tenantSettings: { phone_consolidated_experience: false },
    factors: { sms: false, otp: false, email: false, "push-notification": false },
    messageTypes: [],
    users: [],
    testSends: [],
  };
}

/** Users come from sign-ups or the Dashboard, never from our scripts, so tests add them here. */
export function addUser(state: StandInState, email: string, name?: string): StoredUser {
  const user: StoredUser = {
    user_id: `auth0|${randomBytes(6).toString("hex")}`,
    email: email.toLowerCase(),
    name: name ?? email,
    methods: [],
  };
  state.users.push(user);
  return user;
}
