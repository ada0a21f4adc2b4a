/** The storage settings form as plain data: defaults from the API view, client checks, and the PUT body. */
import type { StorageProviderId, StorageSettingsView } from "@/contracts/storage-settings";
import { isHttpUrl } from "@/components/ui/url-field";

/** GET /api/organization/storage → `storage` (credentials never come back, only `hasCredentials`). */
export type StorageView = StorageSettingsView;

export type StorageForm = {
  provider: StorageProviderId;
  bucket: string;
  region: string;
  endpoint: string;
  forcePathStyle: boolean;
  prefix: string;
  cdnBaseUrl: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  gcsKey: string;
  azureMode: "connectionString" | "accountKey";
  connectionString: string;
  accountName: string;
  accountKey: string;
};

/** Input names; they match the API's field names so its errors land on the same input. */
export const storageFields = [
  "provider",
  "bucket",
  "region",
  "endpoint",
  "forcePathStyle",
  "prefix",
  "cdnBaseUrl",
  "credentials",
  "credentials.accessKeyId",
  "credentials.secretAccessKey",
  "credentials.sessionToken",
  "credentials.json",
  "credentials.connectionString",
  "credentials.accountName",
  "credentials.accountKey",
] as const;
export type StorageField = (typeof storageFields)[number];

/** What a client-side problem is, for the page to translate. */
export type StorageProblem = "required" | "url" | "requiredWhenAny" | "credentialsNeeded" | "gcsKeyInvalid";

/** The form filled from the saved settings (the platform default shows as an empty form of its provider). */
export function storageFormFrom(view: StorageView): StorageForm {
  return {
    provider: view.provider,
    bucket: view.bucket ?? "",
    region: view.region ?? "",
    endpoint: view.endpoint ?? "",
    forcePathStyle: view.forcePathStyle ?? false,
    prefix: view.prefix ?? "",
    cdnBaseUrl: view.cdnBaseUrl ?? "",
    accessKeyId: "",
    secretAccessKey: "",
    sessionToken: "",
    gcsKey: "",
    azureMode: "connectionString",
    connectionString: "",
    accountName: "",
    accountKey: "",
  };
}

/** True when the saved credentials may be kept: same provider, saved by this organization. */
export function canKeepCredentials(view: StorageView, provider: StorageProviderId): boolean {
  return view.source === "organization" && view.provider === provider && view.hasCredentials;
}

/**
 * Checks the form like the server will (required bucket, URLs, credentials given in full or kept) and
 * builds the PUT/test body. Format rules the server owns (bucket characters, prefix segments, private
 * endpoints) are left to it: its 400 names the field.
 */
export function buildStorageBody(
  form: StorageForm,
  view: StorageView,
):
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; problems: Partial<Record<StorageField, StorageProblem>> } {
  const problems: Partial<Record<StorageField, StorageProblem>> = {};
  const trim = (value: string) => value.trim();
  const optional = (value: string) => (trim(value) === "" ? undefined : trim(value));
  for (const field of ["endpoint", "cdnBaseUrl"] as const) {
    if (form.provider === "LOCAL" && field === "endpoint") continue;
    const value = trim(form[field]);
    if (value && !isHttpUrl(value)) problems[field] = "url";
  }
  const body: Record<string, unknown> = {
    provider: form.provider,
    prefix: optional(form.prefix),
    cdnBaseUrl: optional(form.cdnBaseUrl),
  };
  if (form.provider !== "LOCAL") {
    if (!trim(form.bucket)) problems.bucket = "required";
    body.bucket = trim(form.bucket);
    body.endpoint = optional(form.endpoint);
    const keep = canKeepCredentials(view, form.provider);
    const credentials = credentialsOf(form, problems);
    if (credentials) body.credentials = credentials;
    else if (!keep && Object.keys(problems).every((key) => !key.startsWith("credentials"))) {
      problems[firstCredentialField(form)] = "credentialsNeeded";
    }
  }
  if (form.provider === "AWS_S3") {
    body.region = optional(form.region);
    body.forcePathStyle = form.forcePathStyle;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  // Blank optional fields are simply not sent.
  return { ok: true, body: Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) };
}

function firstCredentialField(form: StorageForm): StorageField {
  if (form.provider === "AWS_S3") return "credentials.accessKeyId";
  if (form.provider === "GOOGLE_CLOUD") return "credentials.json";
  return form.azureMode === "connectionString" ? "credentials.connectionString" : "credentials.accountName";
}

/** The credentials typed in the form, or null when every credential input is blank. */
function credentialsOf(
  form: StorageForm,
  problems: Partial<Record<StorageField, StorageProblem>>,
): Record<string, string> | null {
  const filled = (entries: [StorageField, string][]) => {
    if (entries.every(([, value]) => value.trim() === "")) return null;
    for (const [field, value] of entries) if (value.trim() === "") problems[field] = "requiredWhenAny";
    return Object.fromEntries(entries.map(([field, value]) => [field.replace("credentials.", ""), value.trim()]));
  };
  if (form.provider === "AWS_S3") {
    const given = filled([
      ["credentials.accessKeyId", form.accessKeyId],
      ["credentials.secretAccessKey", form.secretAccessKey],
    ]);
    if (given && form.sessionToken.trim()) given.sessionToken = form.sessionToken.trim();
    if (!given && form.sessionToken.trim()) {
      problems["credentials.accessKeyId"] = "requiredWhenAny";
      problems["credentials.secretAccessKey"] = "requiredWhenAny";
    }
    return given;
  }
  if (form.provider === "GOOGLE_CLOUD") {
    if (!form.gcsKey.trim()) return null;
    const key = parseJsonObject(form.gcsKey);
    if (!key || typeof key.client_email !== "string" || typeof key.private_key !== "string") {
      problems["credentials.json"] = "gcsKeyInvalid";
      return null;
    }
    const credentials: Record<string, string> = { client_email: key.client_email, private_key: key.private_key };
    if (typeof key.project_id === "string") credentials.project_id = key.project_id;
    return credentials;
  }
  if (form.azureMode === "connectionString") {
    return filled([["credentials.connectionString", form.connectionString]]);
  }
  return filled([
    ["credentials.accountName", form.accountName],
    ["credentials.accountKey", form.accountKey],
  ]);
}

/** Which input an API error's field belongs to (Google's key fields all live in the one JSON input). */
export function storageFieldFor(apiField: string, provider: StorageProviderId): StorageField | null {
  if (provider === "GOOGLE_CLOUD" && apiField.startsWith("credentials.")) return "credentials.json";
  return storageFields.find((field) => field === apiField) ?? null;
}

/** A pasted JSON document's top-level object, or null when the text is not JSON or not an object. */
function parseJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : null;
}

/** The server's validation message without its "field: " prefix, since it is shown next to that field. */
export function withoutFieldPrefix(message: string, apiField: string): string {
  return message.startsWith(`${apiField}: `) ? message.slice(apiField.length + 2) : message;
}
