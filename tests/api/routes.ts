// Every session route of the Foundation, imported once so attack tests can walk them all.
import * as adminOrganizations from "@/app/api/admin/organizations/route";
import * as adminUsers from "@/app/api/admin/users/route";
import * as invitation from "@/app/api/invitations/[invitationId]/route";
import * as acceptInvitation from "@/app/api/invitations/[invitationId]/accept/route";
import * as declineInvitation from "@/app/api/invitations/[invitationId]/decline/route";
import * as myInvitations from "@/app/api/invitations/route";
import * as me from "@/app/api/me/route";
import * as activity from "@/app/api/organization/activity/route";
import * as orgInvitation from "@/app/api/organization/invitations/[invitationId]/route";
import * as orgInvitations from "@/app/api/organization/invitations/route";
import * as leave from "@/app/api/organization/leave/route";
import * as member from "@/app/api/organization/members/[memberId]/route";
import * as members from "@/app/api/organization/members/route";
import * as organization from "@/app/api/organization/route";
import * as activeOrganization from "@/app/api/organizations/active/route";
import * as organizations from "@/app/api/organizations/route";

export const routes = {
  adminOrganizations,
  adminUsers,
  invitation,
  acceptInvitation,
  declineInvitation,
  myInvitations,
  me,
  activity,
  orgInvitation,
  orgInvitations,
  leave,
  member,
  members,
  organization,
  activeOrganization,
  organizations,
};
