// `npm run db:seed` (and `prisma db seed`): seeds the demo organization and accounts into DATABASE_URL, or
// into the embedded database (which must be running: `npm run db:embedded`, or use `npm start`, which seeds).
import { createDb } from "../src/server/db/client";
import { DEMO_ADMIN_EMAIL, DEMO_OWNER_EMAIL, demoPassword, seedDatabase } from "../src/server/db/seed";

async function main(): Promise<void> {
  const db = createDb();
  try {
    const result = await seedDatabase(db);
    if (result.created) {
      for (const item of result.createdItems) console.log(`  created ${item}`);
    } else {
      console.log("Demo data already present; nothing to do.");
    }
    console.log(`Demo sign-in: ${DEMO_OWNER_EMAIL} (owner of "demo") or ${DEMO_ADMIN_EMAIL} (super admin)`);
    console.log(`Password:     ${demoPassword()}${result.created ? "" : " (as set when first seeded)"}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
