// Demo data for `npm start`: the demo numbers' users (from the same demo-users
// file `npm run auth0:enrol` reads, in its order), an authenticator for the
// first of them (a fresh local secret, so its card shows a live TOTP code) and
// an allowed local presenter account.

import { seedLocalAccess } from "@sms-inbox/operator/access/seed-local-access";
import {
  defaultDemoUsersPath,
  phoneLabelsFor,
  readDemoUsersFile,
} from "@sms-inbox/operator/auth0/demo-users";
import { writeAuthenticator } from "@sms-inbox/operator/authenticator/authenticator-store";
import { adminApp } from "@sms-inbox/operator/firestore/admin";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { requireAuthenticatorPerson } from "functions/authenticator/person";
import { newAuthenticatorSecret } from "functions/authenticator/secret";
import type { StackEnv } from "./stack-env.js";

export async function seedDemoData(env: StackEnv): Promise<{ summary: string }> {
  const app = adminApp(env.projectId);
  const db = getFirestore(app);
  const path = defaultDemoUsersPath();
  const users = readDemoUsersFile(path);
  const labels = phoneLabelsFor(users);
  await writePhoneLabels(db, labels);
  const access = await seedLocalAccess(db, getAuth(app));
  const first = users[0];
  const withAuthenticator = users.find((user) => user.email);
  if (withAuthenticator?.email) {
    await writeAuthenticator(
      db,
      {
        person: requireAuthenticatorPerson(withAuthenticator.email),
        secret: newAuthenticatorSecret(),
        source: "added",
        name: "npm start (local only)",
      },
      { replace: true },
    );
  }
  return {
    summary: [
      `  Demo labels    ${labels.length} numbers${labels.length < users.length ? ` (${users.length} users)` : ""} from ${path.replace(/^.*\/scripts\//, "scripts/")}` +
        (first ? `, e.g. ${first.phoneNumber} → ${first.label}` : ""),
      ...(withAuthenticator
        ? [
            `  Authenticator  ${withAuthenticator.label}: a local secret, its live code on their card`,
          ]
        : []),
      "",
      ...access.instructions.map((line) => `  ${line}`),
    ].join("\n"),
  };
}
