/**
 * The connection form's values and rules, apart from React so they are easy to test.
 * Defaults (pre-filled base URL, placeholders, help) come from the backend's
 * `DeploymentInfo`; nothing here invents one.
 */
import type {
  AuthMethod,
  ConnectionInput,
  ConnectionView,
  Deployment,
  DeploymentInfo,
} from "../../ipc";

export interface FormValues {
  name: string;
  deployment: Deployment;
  baseUrl: string;
  authMethod: AuthMethod;
  accessId: string;
  /** Secret Key or API token as typed; empty means "keep the saved one" when there is one. */
  secret: string;
  verifyTls: boolean;
  caFile: string;
}

/** Fields the backend may name in a Validation error. */
export const FORM_FIELDS = ["name", "baseUrl", "accessId", "secret", "caFile"] as const;
export type FieldName = (typeof FORM_FIELDS)[number];
export type FieldErrors = Partial<Record<FieldName, string>>;

export function isFieldName(value: string | null): value is FieldName {
  return value !== null && (FORM_FIELDS as readonly string[]).includes(value);
}

export const AUTH_LABELS: Record<AuthMethod, string> = {
  hmac: "Access ID and Secret Key",
  token: "API token",
};

export function selectableDeployments(deployments: readonly DeploymentInfo[]): DeploymentInfo[] {
  return deployments.filter((d) => d.userSelectable);
}

export function deploymentInfo(
  deployments: readonly DeploymentInfo[],
  deployment: Deployment,
): DeploymentInfo | undefined {
  return deployments.find((d) => d.deployment === deployment);
}

/** Values for a new connection: the first deployment the user may choose, its base URL if it has one. */
export function newFormValues(deployments: readonly DeploymentInfo[]): FormValues {
  const first = selectableDeployments(deployments)[0];
  return {
    name: "",
    deployment: first?.deployment ?? "publicCloud",
    baseUrl: first?.baseUrl ?? "",
    authMethod: "hmac",
    accessId: "",
    secret: "",
    verifyTls: true,
    caFile: "",
  };
}

export function formValuesFromView(view: ConnectionView): FormValues {
  return {
    name: view.name,
    deployment: view.deployment,
    baseUrl: view.baseUrl,
    authMethod: view.authMethod,
    accessId: view.accessId ?? "",
    secret: "",
    verifyTls: view.tls.verify,
    caFile: view.tls.caFile ?? "",
  };
}

/**
 * Whether the form still holds what it was opened with. Every field counts, the secret too:
 * a typed secret is unsaved work, even though it is never kept anywhere but in the form.
 */
export function sameFormValues(a: FormValues, b: FormValues): boolean {
  return (Object.keys(a) as (keyof FormValues)[]).every((key) => a[key] === b[key]);
}

/**
 * The base URL after the deployment changes. A value the user typed is never rewritten; a
 * pre-filled (untouched) one follows the deployment: its URL, or empty with its placeholder.
 */
export function baseUrlAfterDeploymentChange(
  current: string,
  userTyped: boolean,
  next: DeploymentInfo | undefined,
): string {
  if (userTyped) return current;
  return next?.baseUrl ?? "";
}

/** Whether an empty secret field keeps the secret already saved for this connection. */
export function keepsSavedSecret(values: FormValues, editing: ConnectionView | null): boolean {
  return editing !== null && editing.hasSecret && editing.authMethod === values.authMethod;
}

/** What the backend receives. An empty secret on an edited connection is sent as `null`: keep it. */
export function toConnectionInput(values: FormValues, editing: ConnectionView | null): ConnectionInput {
  const keep = keepsSavedSecret(values, editing) && values.secret === "";
  return {
    id: editing?.id ?? null,
    name: values.name,
    deployment: values.deployment,
    baseUrl: values.baseUrl,
    authMethod: values.authMethod,
    accessId: values.authMethod === "hmac" ? values.accessId : null,
    secret: keep ? null : values.secret,
    tls: { verify: values.verifyTls, caFile: values.caFile.trim() === "" ? null : values.caFile },
  };
}

/** A saved connection as a test input: `secret: null` makes the backend use the stored secret. */
export function viewToInput(view: ConnectionView): ConnectionInput {
  return {
    id: view.id,
    name: view.name,
    deployment: view.deployment,
    baseUrl: view.baseUrl,
    authMethod: view.authMethod,
    accessId: view.accessId,
    secret: null,
    tls: view.tls,
  };
}

/** The quick checks done when a field is left; the backend checks everything again. */
export function validateField(
  field: FieldName,
  values: FormValues,
  editing: ConnectionView | null,
): string | undefined {
  switch (field) {
    case "name":
      return values.name.trim() === "" ? "Enter a name for this connection." : undefined;
    case "baseUrl":
      return values.baseUrl.trim() === ""
        ? "Enter the base URL of your ThreatConnect instance."
        : undefined;
    case "accessId":
      return values.authMethod === "hmac" && values.accessId.trim() === ""
        ? "Enter the Access ID of the API user."
        : undefined;
    case "secret":
      if (values.secret !== "" || keepsSavedSecret(values, editing)) return undefined;
      return values.authMethod === "hmac"
        ? "Enter the Secret Key of the API user."
        : "Enter the API token.";
    case "caFile":
      return undefined;
  }
}

export function validateAll(values: FormValues, editing: ConnectionView | null): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of FORM_FIELDS) {
    const message = validateField(field, values, editing);
    if (message !== undefined) errors[field] = message;
  }
  return errors;
}
