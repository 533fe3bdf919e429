import { describe, expect, it } from "vitest";
import type { ConnectionView } from "../../ipc";
import { DEPLOYMENTS } from "../../dev/fakeBackend";
import {
  baseUrlAfterDeploymentChange,
  deploymentInfo,
  formValuesFromView,
  newFormValues,
  sameFormValues,
  toConnectionInput,
  validateAll,
  viewToInput,
} from "./connectionForm";

const SAVED: ConnectionView = {
  id: "c1",
  name: "Acme",
  deployment: "onPrem",
  baseUrl: "https://tc.acme.internal/api",
  authMethod: "hmac",
  accessId: "123",
  hasSecret: true,
  secretStorage: "keychain",
  tls: { verify: false, caFile: "/etc/acme-ca.pem" },
  owner: null,
  builtIn: false,
};

describe("connection form rules", () => {
  it("starts a new connection on the first deployment users may choose, with its base URL", () => {
    const values = newFormValues(DEPLOYMENTS);
    expect(values.deployment).toBe("publicCloud");
    expect(values.baseUrl).toBe("https://app.threatconnect.com/api");
  });

  it("lets an untouched base URL follow the deployment, and never rewrites typed text", () => {
    const dedicated = deploymentInfo(DEPLOYMENTS, "dedicatedCloud");
    const publicCloud = deploymentInfo(DEPLOYMENTS, "publicCloud");
    expect(baseUrlAfterDeploymentChange("https://app.threatconnect.com/api", false, dedicated)).toBe("");
    expect(baseUrlAfterDeploymentChange("", false, publicCloud)).toBe("https://app.threatconnect.com/api");
    expect(baseUrlAfterDeploymentChange("https://x.example/API/", true, publicCloud)).toBe("https://x.example/API/");
  });

  it("sends secret: null to keep a saved secret, and the typed one otherwise", () => {
    const values = formValuesFromView(SAVED);
    expect(toConnectionInput(values, SAVED).secret).toBeNull();
    expect(toConnectionInput({ ...values, secret: "new" }, SAVED).secret).toBe("new");
    expect(toConnectionInput({ ...values, authMethod: "token" }, SAVED)).toMatchObject({ secret: "", accessId: null });
    expect(toConnectionInput(values, null).secret).toBe("");
  });

  it("carries TLS options, with an empty CA path as null", () => {
    const values = formValuesFromView(SAVED);
    expect(toConnectionInput(values, SAVED).tls).toEqual({ verify: false, caFile: "/etc/acme-ca.pem" });
    expect(toConnectionInput({ ...values, caFile: "  " }, SAVED).tls.caFile).toBeNull();
  });

  it("tests a saved connection with its stored secret", () => {
    expect(viewToInput(SAVED)).toMatchObject({ id: "c1", secret: null, baseUrl: SAVED.baseUrl });
  });

  it("only asks for a secret when none is saved for this sign-in method", () => {
    expect(validateAll(formValuesFromView(SAVED), SAVED)).toEqual({});
    expect(validateAll({ ...formValuesFromView(SAVED), authMethod: "token" }, SAVED)).toEqual({
      secret: "Enter the API token.",
    });
    expect(Object.keys(validateAll(newFormValues(DEPLOYMENTS), null)).sort()).toEqual(["accessId", "name", "secret"]);
  });

  it("counts any changed field as unsaved work, the secret and the TLS options too", () => {
    const opened = formValuesFromView(SAVED);
    expect(sameFormValues(opened, formValuesFromView(SAVED))).toBe(true);
    expect(sameFormValues(opened, { ...opened, name: "Acme " })).toBe(false);
    expect(sameFormValues(opened, { ...opened, secret: "typed" })).toBe(false);
    expect(sameFormValues(opened, { ...opened, verifyTls: true })).toBe(false);
    expect(sameFormValues(opened, { ...opened, caFile: "" })).toBe(false);
    // Changing a field and changing it back leaves nothing to lose.
    expect(sameFormValues(newFormValues(DEPLOYMENTS), { ...newFormValues(DEPLOYMENTS), name: "" })).toBe(true);
  });
});
