// Demo data for `npm start`: the demo numbers' users (from the same demo-users
// file `npm run auth0:enrol` reads, in its order) and an allowed local presenter account.

import { seedLocalAccess } from "@sms-inbox/operator/access/seed-local-access";
import {
  defaultDemoUsersPath,
  phoneLabelsFor,
  readDemoUsersFile,
} from "@sms-inbox/operator/auth0/demo-users";
import { adminApp } from "@sms-inbox/operator/firestore/admin";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
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
  return {
    summary: [
      `  Demo labels    ${labels.length} numbers${labels.length < users.length ? ` (${users.length} users)` : ""} from ${path.replace(/^.*\/scripts\//, "scripts/")}` +
        (first ? `, e.g. ${first.phoneNumber} → ${first.label}` : ""),
      "",
      ...access.instructions.map((line) => `  ${line}`),
    ].join("\n"),
  };
}
