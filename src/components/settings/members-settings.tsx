"use client";

import { Mail, UserMinus } from "lucide-react";
import { type FormEvent, useState } from "react";
import {
  canManage,
  type Invitation,
  inviteMemberBody,
  type Member,
  type OrgRole,
  orgRoleSchema,
  orgRoles,
} from "@/contracts/organizations";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { useMe } from "@/components/app-shell/me-provider";
import { PageHeader } from "@/components/app-shell/page-header";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormCard } from "@/components/ui/form-card";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { SelectField } from "@/components/ui/select-field";
import { Table, TableHead, Td } from "@/components/ui/table";
import { TextField } from "@/components/ui/text-field";

/** Roles a manager may hand out: admins cannot create owners. */
function grantableRoles(myRole: OrgRole | undefined): OrgRole[] {
  return myRole === "OWNER" ? [...orgRoles] : orgRoles.filter((role) => role !== "OWNER");
}

/** Members and invitations of the active organization; managing controls only for owners and admins. */
export function MembersSettings() {
  const t = useT();
  const { me } = useMe();
  const myRole = me.activeOrganization?.role;
  const manager = canManage(myRole);
  const membersQuery = useApiQuery("/api/organization/members", "membersResponse");
  const invitationsQuery = useApiQuery(manager ? "/api/organization/invitations" : null, "invitationsResponse");
  const members = membersQuery.data?.members;
  const invitations = invitationsQuery.data?.invitations ?? [];
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { describe } = useApiErrors([]);

  const load = async () => {
    await Promise.all([membersQuery.reload(), manager ? invitationsQuery.reload() : undefined]);
  };

  const report = (message: string | null, error: string | null = null) => {
    setStatus(message);
    setActionError(error);
  };

  if (membersQuery.error) return <Alert tone="error">{t("errors.loadFailed")}</Alert>;
  if (!members) return <PageSkeleton />;

  const pending = invitations.filter((invitation) => invitation.status === "PENDING");

  return (
    <div className="space-y-6">
      <PageHeader title={t("settings.members.title")} description={t("settings.members.description")} />
      <Alert tone="success">{status}</Alert>
      <Alert tone="error">{actionError}</Alert>
      {manager ? (
        <InviteCard
          roles={grantableRoles(myRole)}
          onInvited={(email) => {
            report(t("settings.members.invited", { email }));
            void load();
          }}
        />
      ) : null}
      <Card>
        <CardHeader
          title={t("settings.members.membersTitle", { count: members.length })}
          description={manager ? undefined : t("settings.readOnly")}
        />
        <Table caption={t("settings.members.membersTitle", { count: members.length })}>
          <TableHead
            columns={[
              t("settings.members.columns.member"),
              t("settings.members.columns.role"),
              t("settings.members.columns.joined"),
              { label: t("settings.members.columns.actions"), srOnly: true },
            ]}
          />
          <tbody className="divide-y divide-stone-100">
            {members.map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                isMe={member.user.id === me.user.id}
                myRole={myRole}
                onChanged={(message) => {
                  report(message);
                  void load();
                }}
                onError={(error) => report(null, error)}
                describe={describe}
              />
            ))}
          </tbody>
        </Table>
      </Card>
      {manager ? (
        <InvitationsCard
          invitations={pending}
          onCanceled={(email) => {
            report(t("settings.members.canceled", { email }));
            void load();
          }}
          onError={(error) => report(null, error)}
          describe={describe}
        />
      ) : null}
    </div>
  );
}

function MemberRow({
  member,
  isMe,
  myRole,
  onChanged,
  onError,
  describe,
}: {
  member: Member;
  isMe: boolean;
  myRole: OrgRole | undefined;
  onChanged: (message: string) => void;
  onError: (message: string) => void;
  describe: ReturnType<typeof useApiErrors>["describe"];
}) {
  const t = useT();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const editable = canManage(myRole) && !isMe && !(myRole === "ADMIN" && member.role === "OWNER");
  const roleOptions = grantableRoles(myRole).map((role) => ({ value: role, label: t(`roles.${role}`) }));

  async function changeRole(role: OrgRole) {
    setBusy(true);
    const result = await apiFetch(`/api/organization/members/${member.id}`, {
      method: "PATCH",
      schema: "changedMemberResponse",
      body: { role },
    });
    setBusy(false);
    if (!result.ok) return onError(describe(result.error));
    onChanged(t("settings.members.roleChanged", { name: member.user.name, role: t(`roles.${role}`) }));
  }

  async function remove() {
    setBusy(true);
    const result = isMe
      ? await apiFetch("/api/organization/leave", { method: "POST", schema: null })
      : await apiFetch(`/api/organization/members/${member.id}`, { method: "DELETE", schema: null });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return onError(describe(result.error));
    if (isMe) {
      // Leaving changes the active organization on the server; reload everything.
      window.location.assign("/app");
      return;
    }
    onChanged(t("settings.members.removed", { name: member.user.name }));
  }

  return (
    <tr data-member-email={member.user.email}>
      <Td>
        <div className="flex items-center gap-3">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-stone-100 text-xs font-semibold text-stone-700">
            {member.user.name.slice(0, 1).toUpperCase()}
          </span>
          <div className="min-w-0">
            <p className="truncate font-medium text-stone-900">
              {member.user.name}
              {isMe ? (
                <span className="ml-2 text-xs font-normal text-stone-500">{t("settings.members.you")}</span>
              ) : null}
            </p>
            <p className="truncate text-xs text-stone-500">{member.user.email}</p>
          </div>
        </div>
      </Td>
      <Td className="w-44">
        {editable ? (
          <SelectField
            label={t("settings.members.roleFor", { name: member.user.name })}
            hideLabel
            name="role"
            value={member.role}
            options={roleOptions}
            disabled={busy}
            onChange={(event) => void changeRole(orgRoleSchema.parse(event.target.value))}
          />
        ) : (
          <Badge tone={member.role === "OWNER" ? "ink" : "neutral"}>{t(`roles.${member.role}`)}</Badge>
        )}
      </Td>
      <Td className="whitespace-nowrap text-stone-600">
        {new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(member.createdAt))}
      </Td>
      <Td className="text-right">
        {editable || isMe ? (
          confirming ? (
            <div className="inline-flex items-center gap-2">
              <Button size="sm" variant="danger" loading={busy} onClick={() => void remove()}>
                {isMe ? t("settings.members.confirmLeave") : t("settings.members.confirmRemove")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                {t("common.cancel")}
              </Button>
            </div>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setConfirming(true)}
              aria-label={
                isMe ? t("settings.members.leave") : t("settings.members.removeNamed", { name: member.user.name })
              }
            >
              <UserMinus className="size-4" aria-hidden="true" />
              {isMe ? t("settings.members.leave") : t("settings.members.remove")}
            </Button>
          )
        ) : null}
      </Td>
    </tr>
  );
}

function InviteCard({ roles, onInvited }: { roles: OrgRole[]; onInvited: (email: string) => void }) {
  const t = useT();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<OrgRole>("MEMBER");
  const [pending, setPending] = useState(false);
  const { fieldErrors, setFieldErrors, formError, showError, clearErrors } = useApiErrors(["email", "role"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    if (!inviteMemberBody.shape.email.safeParse(email).success) {
      setFieldErrors({ email: t("validation.email") });
      return;
    }
    setPending(true);
    const result = await apiFetch("/api/organization/invitations", {
      schema: "sentInvitationResponse",
      body: { email: email.trim(), role },
    });
    setPending(false);
    if (!result.ok) return showError(result.error);
    onInvited(email.trim());
    setEmail("");
  }

  return (
    <FormCard
      title={t("settings.members.inviteTitle")}
      description={t("settings.members.inviteDescription")}
      onSubmit={submit}
      error={formError}
      formLabel={t("settings.members.inviteTitle")}
      formClassName="space-y-3"
    >
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
        <TextField
          label={t("settings.members.inviteEmail")}
          name="email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
          required
        />
        <SelectField
          label={t("settings.members.inviteRole")}
          name="role"
          value={role}
          onChange={(event) => setRole(orgRoleSchema.parse(event.target.value))}
          options={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
          error={fieldErrors.role}
        />
        <Button type="submit" loading={pending} className="sm:mt-7">
          <Mail className="size-4" aria-hidden="true" />
          {t("settings.members.sendInvite")}
        </Button>
      </div>
    </FormCard>
  );
}

function InvitationsCard({
  invitations,
  onCanceled,
  onError,
  describe,
}: {
  invitations: Invitation[];
  onCanceled: (email: string) => void;
  onError: (message: string) => void;
  describe: ReturnType<typeof useApiErrors>["describe"];
}) {
  const t = useT();
  const locale = useLocale();
  const [busyId, setBusyId] = useState<string | null>(null);

  async function cancel(invitation: Invitation) {
    setBusyId(invitation.id);
    const result = await apiFetch(`/api/organization/invitations/${invitation.id}`, { method: "DELETE", schema: null });
    setBusyId(null);
    if (!result.ok) return onError(describe(result.error));
    onCanceled(invitation.email);
  }

  return (
    <Card>
      <CardHeader title={t("settings.members.invitationsTitle", { count: invitations.length })} />
      {invitations.length === 0 ? (
        <CardBody>
          <p className="text-sm text-stone-500">{t("settings.members.noInvitations")}</p>
        </CardBody>
      ) : (
        <Table caption={t("settings.members.invitationsTitle", { count: invitations.length })}>
          <TableHead
            columns={[
              t("settings.members.columns.email"),
              t("settings.members.columns.role"),
              t("settings.members.columns.invitedBy"),
              t("settings.members.columns.expires"),
              { label: t("settings.members.columns.actions"), srOnly: true },
            ]}
          />
          <tbody className="divide-y divide-stone-100">
            {invitations.map((invitation) => (
              <tr key={invitation.id} data-invitation-email={invitation.email}>
                <Td className="font-medium">{invitation.email}</Td>
                <Td>
                  <Badge>{t(`roles.${invitation.role}`)}</Badge>
                </Td>
                <Td className="text-stone-600">{invitation.inviter?.name ?? "—"}</Td>
                <Td className="whitespace-nowrap text-stone-600">
                  {new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(invitation.expiresAt))}
                </Td>
                <Td className="text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    loading={busyId === invitation.id}
                    onClick={() => void cancel(invitation)}
                    aria-label={t("settings.members.cancelInviteFor", { email: invitation.email })}
                  >
                    {t("settings.members.cancelInvite")}
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
