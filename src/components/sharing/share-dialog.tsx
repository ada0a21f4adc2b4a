"use client";

import { Send, UserMinus } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { type BookRole, bookRoleOptions } from "@/contracts/book-roles";
import type { Collaborator } from "@/contracts/collaborators";
import { useLocale, useT } from "@/i18n/i18n-provider";
import { formatDate } from "@/components/books/book-format";
import { apiFetch } from "@/lib/api-fetch";
import { useApiQuery } from "@/lib/use-api-query";
import { useApiErrors } from "@/components/forms/use-api-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useModalDialog } from "@/components/ui/use-modal-dialog";

type Permissions = Collaborator["permissions"];
/** The role defaults the server applies (src/server/auth/permissions.ts defaultBookPermissions). */
const defaults: Record<BookRole, Permissions> = {
  VIEWER: { download: false, history: false, corrections: false },
  COMMENTER: { download: false, history: true, corrections: true },
  EDITOR: { download: true, history: true, corrections: true },
  ADMIN: { download: true, history: true, corrections: true },
};
const permissionNames = ["download", "history", "corrections"] as const;

/**
 * The Share dialog of a book: invite by email with a role and the three per-person permissions, and the
 * people with access (pending ones can be resent); managers change roles and remove people. Built on the
 * native <dialog> like ConfirmDialog (focus trap, Escape closes it).
 */
export function ShareDialog({
  bookId,
  title,
  open,
  onClose,
}: {
  bookId: string;
  title: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const ref = useModalDialog(open);
  const titleId = useId();
  const descriptionId = useId();
  const list = useApiQuery(
    open ? `/api/books/${encodeURIComponent(bookId)}/collaborators` : null,
    "collaboratorListResponse",
  );
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<BookRole>("VIEWER");
  const [permissions, setPermissions] = useState<Permissions>(defaults.VIEWER);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { fieldErrors, formError, showError, clearErrors } = useApiErrors(["email", "role"]);
  const canManage = list.data?.canManage ?? false;

  async function act(key: string, run: () => Promise<{ ok: boolean; error?: unknown }>, done: string) {
    clearErrors();
    setNotice(null);
    setBusy(key);
    const result = await run();
    setBusy(null);
    if (!result.ok) return showError(result.error as Parameters<typeof showError>[0]);
    setNotice(done);
    await list.reload();
  }

  function invite(event: FormEvent) {
    event.preventDefault();
    void act(
      "invite",
      async () => {
        const result = await apiFetch(`/api/books/${encodeURIComponent(bookId)}/collaborators`, {
          method: "POST",
          body: { email, role, permissions },
          schema: "collaboratorResponse",
        });
        if (result.ok) setEmail("");
        return result;
      },
      t("sharing.invited", { email }),
    );
  }

  const base = `/api/books/${encodeURIComponent(bookId)}/collaborators`;
  const people = list.data?.collaborators ?? [];

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-full max-w-lg rounded-xl border border-stone-200 bg-white p-0 shadow-xl backdrop:bg-stone-900/40"
      data-testid="share-dialog"
    >
      {open ? (
        <div className="max-h-[85dvh] space-y-5 overflow-y-auto p-5">
          <div>
            <h2 id={titleId} className="text-base font-semibold text-stone-900">
              {t("sharing.dialogTitle", { title })}
            </h2>
            <p id={descriptionId} className="mt-1 text-sm text-stone-600">
              {t("sharing.dialogDescription")}
            </p>
          </div>
          <Alert tone="error">{formError}</Alert>
          {notice ? (
            <p role="status" className="text-sm text-green-800">
              {notice}
            </p>
          ) : null}
          {canManage ? (
            <form onSubmit={invite} className="space-y-4" noValidate>
              <TextField
                label={t("sharing.email")}
                name="email"
                type="email"
                autoComplete="off"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                error={fieldErrors.email}
              />
              <SelectField
                label={t("sharing.role")}
                name="role"
                value={role}
                onChange={(event) => {
                  const next = event.target.value as BookRole;
                  setRole(next);
                  setPermissions(defaults[next]);
                }}
                options={bookRoleOptions.map((value) => ({ value, label: t(`sharing.roles.${value}`) }))}
                error={fieldErrors.role}
              />
              <p className="-mt-2 text-sm text-stone-600">{t(`sharing.roleHints.${role}`)}</p>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-stone-800">{t("sharing.permissions")}</legend>
                {permissionNames.map((name) => (
                  <CheckboxField
                    key={name}
                    name={name}
                    label={t(`sharing.permission.${name}`)}
                    checked={permissions[name]}
                    onChange={(checked) => setPermissions((current) => ({ ...current, [name]: checked }))}
                  />
                ))}
              </fieldset>
              <Button type="submit" loading={busy === "invite"} disabled={busy !== null}>
                <Send className="size-4" aria-hidden="true" />
                {t("sharing.invite")}
              </Button>
            </form>
          ) : null}
          <section aria-labelledby={`${titleId}-people`} className="space-y-2">
            <h3 id={`${titleId}-people`} className="text-sm font-semibold text-stone-900">
              {t("sharing.people")}
            </h3>
            {people.length === 0 ? <p className="text-sm text-stone-600">{t("sharing.nobody")}</p> : null}
            <ul className="divide-y divide-stone-100">
              {people.map((person) => (
                <li key={person.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="collaborator">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium text-stone-900">{person.name ?? person.email}</p>
                    <p className="text-xs text-stone-600">
                      {t(`sharing.status.${person.status}`)}
                      {person.expiresAt
                        ? ` · ${t("sharing.expires", { date: formatDate(person.expiresAt, locale) })}`
                        : ""}
                    </p>
                  </div>
                  {canManage ? (
                    <>
                      <SelectField
                        label={t("sharing.roleOf", { email: person.email })}
                        hideLabel
                        name={`role-${person.id}`}
                        className="w-36"
                        value={person.role}
                        disabled={busy !== null}
                        onChange={(event) =>
                          void act(
                            `role-${person.id}`,
                            () =>
                              apiFetch(`${base}/${person.id}`, {
                                method: "PATCH",
                                body: { role: event.target.value },
                                schema: "collaboratorResponse",
                              }),
                            t(`sharing.roles.${event.target.value as BookRole}`),
                          )
                        }
                        options={bookRoleOptions.map((value) => ({ value, label: t(`sharing.roles.${value}`) }))}
                      />
                      {person.status !== "ACTIVE" ? (
                        <Button
                          variant="secondary"
                          size="sm"
                          loading={busy === `resend-${person.id}`}
                          disabled={busy !== null}
                          onClick={() =>
                            void act(
                              `resend-${person.id}`,
                              () =>
                                apiFetch(`${base}/${person.id}/resend`, {
                                  method: "POST",
                                  schema: "collaboratorResponse",
                                }),
                              t("sharing.resent", { email: person.email }),
                            )
                          }
                        >
                          {t("sharing.resend")}
                        </Button>
                      ) : null}
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={t("sharing.revokeLabel", { email: person.email })}
                        loading={busy === `revoke-${person.id}`}
                        disabled={busy !== null}
                        onClick={() =>
                          void act(
                            `revoke-${person.id}`,
                            () => apiFetch(`${base}/${person.id}`, { method: "DELETE", schema: null }),
                            t("sharing.revoked", { email: person.email }),
                          )
                        }
                      >
                        <UserMinus className="size-4" aria-hidden="true" />
                        {t("sharing.revoke")}
                      </Button>
                    </>
                  ) : (
                    <span className="text-sm text-stone-700">{t(`sharing.roles.${person.role}`)}</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <div className="flex justify-end">
            <Button variant="secondary" onClick={onClose} autoFocus>
              {t("sharing.close")}
            </Button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
