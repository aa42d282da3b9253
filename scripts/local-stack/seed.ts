// Demo data for `npm start`: the demo numbers' users (from the same demo-users
// file `npm run auth0:enrol` reads, in its order) and an allowed local presenter account.
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { seedLocalAccess } from "../access/seed-local-access.js";
import { defaultDemoUsersPath, phoneLabelsFor, readDemoUsersFile } from "../auth0/demo-users.js";
import { adminApp } from "../firestore/admin.js";
import { writePhoneLabels } from "../firestore/phone-labels.js";
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
