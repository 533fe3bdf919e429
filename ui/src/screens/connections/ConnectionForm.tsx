import {
  Box,
  Button,
  Collapse,
  Group,
  PasswordInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { IconChevronRight, IconDeviceFloppy, IconPlugConnected } from "@tabler/icons-react";
import { useEffect, useId, useRef, useState } from "react";
import type { SyntheticEvent } from "react";
import { toAppError } from "../../ipc";
import type { AppError, AuthMethod, ConnectionView, Deployment, DeploymentInfo, KeychainInfo } from "../../ipc";
import { AppErrorAlert } from "../../components/AppErrorAlert";
import { Note } from "../../components/Note";
import { iconProps } from "../../lib/icons";
import { useAppState } from "../../state/AppState";
import { TestResultPanel } from "./TestResultPanel";
import type { TestState } from "./TestResultPanel";
import {
  AUTH_LABELS,
  FORM_FIELDS,
  baseUrlAfterDeploymentChange,
  deploymentInfo,
  formValuesFromView,
  isFieldName,
  keepsSavedSecret,
  newFormValues,
  sameFormValues,
  selectableDeployments,
  toConnectionInput,
  validateAll,
  validateField,
} from "./connectionForm";
import type { FieldErrors, FieldName, FormValues } from "./connectionForm";
import classes from "./ConnectionForm.module.css";

interface ConnectionFormProps {
  /** The connection being edited, or null for a new one. */
  editing: ConnectionView | null;
  deployments: readonly DeploymentInfo[];
  keychain: KeychainInfo;
  onSaved: (saved: ConnectionView) => void;
  onCancel: () => void;
  /**
   * Told, with each change, whether the form now differs from what it was opened with. It is
   * called from the change itself (not an effect), so an Esc pressed right after typing
   * already knows there is something to lose.
   */
  onDirtyChange?: (dirty: boolean) => void;
}

/** Where the secret will be kept, in the form's words. */
export function SecretStorageNote({ keychain }: { keychain: KeychainInfo }) {
  if (keychain.available) {
    return <Note tone="info">Kept in {keychain.name}, not in TC Bridge&apos;s files.</Note>;
  }
  return (
    <Note tone="warning" boxed data-testid="keychain-warning">
      No keychain is available on this computer ({keychain.name} not found): the secret is kept for this
      session only and you will need to enter it again after restarting.
    </Note>
  );
}

/** The New/Edit connection form. Labels above fields, help under them, checks when a field is left. */
export function ConnectionForm({ editing, deployments, keychain, onSaved, onCancel, onDirtyChange }: ConnectionFormProps) {
  const { saveConnection, testConnection } = useAppState();
  // What the form was opened with: anything else is unsaved work.
  const [openedWith] = useState<FormValues>(() =>
    editing === null ? newFormValues(deployments) : formValuesFromView(editing),
  );
  const [values, setValues] = useState<FormValues>(openedWith);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Fields the user has changed: leaving one of those checks it (an untouched empty field
  // is only flagged when the form is tested or saved).
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(() => new Set());
  // A saved URL is the user's own text; a pre-filled one may follow the deployment.
  const [baseUrlTyped, setBaseUrlTyped] = useState(editing !== null);
  const [advancedOpen, setAdvancedOpen] = useState(
    editing !== null && (!editing.tls.verify || editing.tls.caFile !== null),
  );
  const [test, setTest] = useState<TestState>({ status: "idle" });
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<AppError | null>(null);
  const testRef = useRef<HTMLDivElement>(null);
  const ids = useId();
  const fieldId = (field: FieldName) => `${ids}-${field}`;

  const choices = selectableDeployments(deployments);
  const current = deploymentInfo(deployments, values.deployment);
  const keepSecret = keepsSavedSecret(values, editing);

  /** Every change of values goes through here. */
  function change(next: FormValues) {
    setValues(next);
    onDirtyChange?.(!sameFormValues(next, openedWith));
  }

  useEffect(() => {
    if (test.status === "ok" || test.status === "error") {
      testRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }, [test.status]);

  function update<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    const next = { ...values, [key]: value };
    change(next);
    if (isFieldName(key) && !touched.has(key)) setTouched(new Set(touched).add(key));
    // Once a field shows an error, re-check it as the user types so the error clears.
    if (isFieldName(key) && errors[key] !== undefined) {
      setErrors({ ...errors, [key]: validateField(key, next, editing) });
    }
  }

  function blur(field: FieldName) {
    if (!touched.has(field)) return;
    setErrors((prev) => ({ ...prev, [field]: validateField(field, values, editing) }));
  }

  function changeDeployment(deployment: Deployment) {
    const info = deploymentInfo(deployments, deployment);
    change({ ...values, deployment, baseUrl: baseUrlAfterDeploymentChange(values.baseUrl, baseUrlTyped, info) });
    if (!baseUrlTyped) setErrors((prev) => ({ ...prev, baseUrl: undefined }));
  }

  function changeAuth(authMethod: AuthMethod) {
    change({ ...values, authMethod, secret: "" });
    setErrors((prev) => ({ ...prev, accessId: undefined, secret: undefined }));
  }

  /** Checks every field; focuses the first one at fault. True when the form can go. */
  function checkAll(): boolean {
    const found = validateAll(values, editing);
    setErrors(found);
    const first = FORM_FIELDS.find((f) => found[f] !== undefined);
    if (first === undefined) return true;
    if (first === "caFile") setAdvancedOpen(true);
    document.getElementById(fieldId(first))?.focus();
    return false;
  }

  /** Puts a backend Validation error on its field; returns false for any other error. */
  function showOnField(error: AppError): boolean {
    if (error.kind !== "Validation" || !isFieldName(error.field)) return false;
    const field = error.field;
    setErrors((prev) => ({ ...prev, [field]: error.hint === null ? error.message : `${error.message} ${error.hint}` }));
    if (field === "caFile") setAdvancedOpen(true);
    document.getElementById(fieldId(field))?.focus();
    return true;
  }

  async function runTest() {
    setFormError(null);
    if (!checkAll()) {
      setTest({ status: "idle" });
      return;
    }
    setTest({ status: "running" });
    try {
      const report = await testConnection(toConnectionInput(values, editing));
      setTest({ status: "ok", report });
    } catch (caught) {
      const error = toAppError(caught);
      if (showOnField(error)) setTest({ status: "idle" });
      else setTest({ status: "error", error });
    }
  }

  async function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setFormError(null);
    if (!checkAll()) return;
    setSaving(true);
    try {
      const saved = await saveConnection(toConnectionInput(values, editing));
      onSaved(saved);
    } catch (caught) {
      const error = toAppError(caught);
      if (!showOnField(error)) setFormError(error);
      setSaving(false);
    }
  }

  const secretLabel = values.authMethod === "hmac" ? "Secret Key" : "API token";
  const secretPlaceholder = keepSecret ? "Saved — leave empty to keep it" : undefined;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className={classes.form} aria-label={editing === null ? "New connection" : `Edit ${editing.name}`}>
      <Stack gap="lg" className={classes.fields}>
        <TextInput
          id={fieldId("name")}
          label="Name"
          description="A name you will recognise, such as “Acme production”."
          value={values.name}
          onChange={(e) => update("name", e.currentTarget.value)}
          onBlur={() => blur("name")}
          error={errors.name}
          data-autofocus
          autoComplete="off"
          required
        />

        <Stack gap={6}>
          <Text component="div" id={`${ids}-deployment-label`} size="sm" fw={500}>
            Deployment
          </Text>
          <SegmentedControl
            aria-labelledby={`${ids}-deployment-label`}
            fullWidth
            value={values.deployment}
            onChange={changeDeployment}
            data={choices.map((d) => ({ value: d.deployment, label: d.label }))}
          />
          {current !== undefined && current.help !== "" && (
            <Text size="xs" c="dimmed">
              {current.help}
            </Text>
          )}
        </Stack>

        <TextInput
          id={fieldId("baseUrl")}
          label="Base URL"
          description="Everything before /v2/… in ThreatConnect's API addresses. It usually ends in /api. Your ThreatConnect administrator can tell you."
          placeholder={current?.placeholder}
          value={values.baseUrl}
          onChange={(e) => {
            setBaseUrlTyped(true);
            update("baseUrl", e.currentTarget.value);
          }}
          onBlur={() => blur("baseUrl")}
          error={errors.baseUrl}
          classNames={{ input: "tcb-mono" }}
          autoComplete="off"
          spellCheck={false}
          required
        />

        <Box className={classes.section}>
          <Stack gap="md">
            <Stack gap={6}>
              <Text component="div" id={`${ids}-auth-label`} size="sm" fw={500}>
                Authentication
              </Text>
              <SegmentedControl
                aria-labelledby={`${ids}-auth-label`}
                fullWidth
                value={values.authMethod}
                onChange={changeAuth}
                data={[
                  { value: "hmac", label: AUTH_LABELS.hmac },
                  { value: "token", label: AUTH_LABELS.token },
                ]}
              />
              <Text size="xs" c="dimmed">
                {values.authMethod === "hmac"
                  ? "The Access ID and Secret Key of an API user, from ThreatConnect's Organization settings."
                  : "An API token created in ThreatConnect. Tokens expire; you will need a new one when it does."}
              </Text>
            </Stack>

            {values.authMethod === "hmac" && (
              <TextInput
                id={fieldId("accessId")}
                label="Access ID"
                description="The API user's Access ID: a long number."
                value={values.accessId}
                onChange={(e) => update("accessId", e.currentTarget.value)}
                onBlur={() => blur("accessId")}
                error={errors.accessId}
                classNames={{ input: "tcb-mono" }}
                autoComplete="off"
                spellCheck={false}
                required
              />
            )}

            <Stack gap={8}>
              <PasswordInput
                id={fieldId("secret")}
                label={secretLabel}
                placeholder={secretPlaceholder}
                value={values.secret}
                onChange={(e) => update("secret", e.currentTarget.value)}
                onBlur={() => blur("secret")}
                error={errors.secret}
                classNames={{ input: "tcb-mono" }}
                autoComplete="off"
                required={!keepSecret}
                visibilityToggleFocusable
                visibilityToggleButtonProps={{ "aria-label": `Show ${secretLabel}` }}
              />
              <SecretStorageNote keychain={keychain} />
            </Stack>
          </Stack>
        </Box>

        <div>
          <UnstyledButton
            className={classes.disclosure}
            onClick={() => setAdvancedOpen((open) => !open)}
            aria-expanded={advancedOpen}
            aria-controls={`${ids}-advanced`}
          >
            <IconChevronRight
              {...iconProps(15)}
              style={{
                ...iconProps(15).style,
                transform: advancedOpen ? "rotate(90deg)" : undefined,
                transition: "transform 150ms ease",
              }}
            />
            Advanced: certificates (TLS)
          </UnstyledButton>
          <Collapse expanded={advancedOpen} id={`${ids}-advanced`}>
            <Stack gap="md" pt="md" pl={22}>
              <Stack gap={8}>
                <Switch
                  label="Verify TLS certificates"
                  description="Checks that the server really is your ThreatConnect instance. Keep this on."
                  checked={values.verifyTls}
                  onChange={(e) => update("verifyTls", e.currentTarget.checked)}
                />
                {!values.verifyTls && (
                  <Note tone="danger" boxed data-testid="tls-warning">
                    Certificates will not be checked. Use this only for test instances: on any other network
                    someone could pose as ThreatConnect and read your requests.
                  </Note>
                )}
              </Stack>
              <TextInput
                id={fieldId("caFile")}
                label="Trusted CA certificate file"
                description="For On-Premises instances whose certificate comes from your company's own certificate authority: the path to that authority's certificate (PEM file)."
                value={values.caFile}
                onChange={(e) => update("caFile", e.currentTarget.value)}
                onBlur={() => blur("caFile")}
                error={errors.caFile}
                classNames={{ input: "tcb-mono" }}
                autoComplete="off"
                spellCheck={false}
              />
            </Stack>
          </Collapse>
        </div>

        <div ref={testRef} className={classes.testResult}>
          <TestResultPanel state={test} onRetry={() => void runTest()} />
        </div>

        {formError !== null && <AppErrorAlert error={formError} data-testid="form-error" />}
      </Stack>

      <Group justify="space-between" className={classes.footer} wrap="nowrap">
        <Button
          variant="default"
          leftSection={<IconPlugConnected {...iconProps(16)} />}
          loading={test.status === "running"}
          onClick={() => void runTest()}
        >
          Test connection
        </Button>
        <Group gap="xs" wrap="nowrap">
          <Button variant="subtle" color="gray" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy {...iconProps(16)} />}>
            Save connection
          </Button>
        </Group>
      </Group>
    </form>
  );
}
