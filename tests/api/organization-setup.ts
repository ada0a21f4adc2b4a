// Creating a test organization the way a user does (through the route), then moving it to the plan the
// suite needs directly in the database (suites about other things should not go through checkout).
import { expect } from "vitest";
import type { Plan } from "@/generated/prisma/enums";
import { db } from "@/server/db/client";
import { callRoute, type TestUser } from "../helpers/session-client";
import { routes } from "./routes";

/** Creates an organization owned by `owner` (201 expected) on `plan`; returns its id. */
export async function createOrganizationAs(owner: TestUser, name: string, plan?: Plan): Promise<string> {
  const created = await callRoute(routes.organizations.POST, { user: owner, body: { name } });
  expect(created.status).toBe(201);
  const organizationId = (created.json as { organization: { id: string } }).organization.id;
  if (plan) await db().organization.update({ where: { id: organizationId }, data: { plan } });
  return organizationId;
}
