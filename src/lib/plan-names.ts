import type { Plan } from "@/contracts/organizations";

/** The plans' product names, the same in every language (the billing page's plan cards use them too). */
export const planNames: Record<Plan, string> = {
  FREE: "Free",
  STARTER: "Starter",
  PRO: "Pro",
  ENTERPRISE: "Enterprise",
};
