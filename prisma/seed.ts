// `npm run db:seed` (and `prisma db seed`): seeds the demo organization and accounts into DATABASE_URL, or
// into the embedded database (which must be running: `npm run db:embedded`, or use `npm start`, which seeds).
import { createDb } from "@/server/db/client";
import { embeddedDatabaseUrl, isEmbeddedDatabase } from "@/server/db/database-url";
import { DEMO_ADMIN_EMAIL, DEMO_OWNER_EMAIL, demoPassword, seedDatabase } from "@/server/db/seed";

async function main(): Promise<void> {
  const db = createDb();
  try {
    const result = await seedDatabase(db);
    if (result.created) {
      for (const item of result.createdItems) console.log(`  created ${item}`);
    } else {
      console.log("Demo data already present; nothing to do.");
    }
    console.log(
      `Demo sign-in: ${DEMO_OWNER_EMAIL} (owner of "demo" on Free and "demo-enterprise" on a complimentary Enterprise grant) or ${DEMO_ADMIN_EMAIL} (super admin)`,
    );
    console.log(`Password:     ${demoPassword()}${result.created ? "" : " (as set when first seeded)"}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  // P1001: Prisma could not reach the database server.
  if ((error as { code?: string } | undefined)?.code === "P1001" && isEmbeddedDatabase()) {
    console.error(
      `Nothing answers at ${embeddedDatabaseUrl()}: start the embedded database first (npm run db:embedded), ` +
        "or just run npm start, which seeds an empty database itself.",
    );
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
