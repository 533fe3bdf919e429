import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../../ipc/errors";
import { ACME, SANDBOX_ID } from "../../dev/fakeBackend";
import { fakeApi } from "../../test/fakeIpc";
import { renderApp } from "../../test/render";

vi.mock("../../ipc", async () => (await import("../../test/fakeIpc")).ipcModule());


async function rows() {
  return screen.findAllByTestId("connection-row");
}

function row(name: string) {
  return screen.getByRole("group", { name });
}

async function openNewForm(user: ReturnType<typeof renderApp>["user"]) {
  await rows();
  await user.click(screen.getByRole("button", { name: "New connection" }));
  return screen.findByRole("dialog", { name: "New connection" });
}

describe("Connections list", () => {
  it("lists the built-in sandbox first, marked built in, with no Edit or Delete", async () => {
    renderApp({ connections: [ACME] });
    // The backend may list the user's connections before the sandbox; the screen still puts it first.
    const snapshot = await fakeApi.getAppSnapshot();
    fakeApi.getAppSnapshot.mockResolvedValueOnce({ ...snapshot, connections: [...snapshot.connections].reverse() });

    const list = await rows();
    expect(list.map((r) => r.getAttribute("data-connection-id"))).toEqual([SANDBOX_ID, "conn-acme"]);
    const sandbox = row("Local sandbox");
    expect(within(sandbox).getByTestId("built-in-badge")).toHaveTextContent("Built in");
    expect(within(sandbox).getByTestId("sandbox-badge")).toHaveTextContent("Local sandbox");
    expect(screen.queryByRole("button", { name: "Edit Local sandbox" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete Local sandbox" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Edit Acme Dedicated" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Delete Acme Dedicated" })).toBeInTheDocument();
  });

  it("shows each profile's deployment, base URL, sign-in method, secret location and owner", async () => {
    renderApp({ connections: [ACME] });
    await rows();
    const acme = row("Acme Dedicated");
    expect(within(acme).getByText("Dedicated Cloud")).toBeInTheDocument();
    expect(within(acme).getByText("https://acme.threatconnect.com/api")).toHaveClass("tcb-mono");
    expect(within(acme).getByText(/Access ID and Secret Key/)).toBeInTheDocument();
    expect(within(acme).getByTestId("secret-storage")).toHaveTextContent("Secret kept in Secret Service");
    expect(within(acme).getByTestId("connection-owner")).toHaveTextContent("Not chosen yet");
    // The sandbox is in use, so only the other row offers "Use".
    expect(row("Local sandbox")).toHaveAttribute("aria-current", "true");
    expect(within(row("Local sandbox")).getByText("In use")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Use Local sandbox" })).not.toBeInTheDocument();
  });

  it("makes a connection the one in use, and the owner bar follows", async () => {
    const { user } = renderApp({ connections: [ACME] });
    await rows();
    await user.click(screen.getByRole("button", { name: "Use Acme Dedicated" }));
    expect(fakeApi.selectConnection).toHaveBeenCalledWith("conn-acme");
    await waitFor(() => expect(row("Acme Dedicated")).toHaveAttribute("aria-current", "true"));
    expect(screen.getByRole("button", { name: "Connection: Acme Dedicated" })).toBeInTheDocument();
  });

  it("offers to add an instance when only the sandbox exists", async () => {
    renderApp();
    await rows();
    expect(screen.getByTestId("connections-empty")).toHaveTextContent(
      "No connection to your own ThreatConnect instance yet",
    );
  });

  it("shows skeletons while loading, then an error with Retry if the snapshot fails", async () => {
    let fail: (reason: unknown) => void = () => undefined;
    const { user } = renderApp({}, () => {
      fakeApi.getAppSnapshot.mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)));
    });
    expect(screen.getByTestId("connections-loading")).toBeInTheDocument();
    fail(
      new BackendError({
        kind: "Storage",
        message: "TC Bridge could not read its settings file.",
        hint: "Check that your home folder is not full.",
        field: null,
      }),
    );
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("TC Bridge could not read its settings file.");
    expect(alert).toHaveTextContent("Check that your home folder is not full.");
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(await rows()).toHaveLength(1);
  });
});

describe("New connection form", () => {
  it("pre-fills the Public Cloud base URL and sends the right ConnectionInput", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    const baseUrl = within(form).getByRole("textbox", { name: "Base URL" });
    expect(baseUrl).toHaveValue("https://app.threatconnect.com/api");
    expect(within(form).getByRole("radio", { name: "Public Cloud" })).toBeChecked();

    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Acme cloud");
    await user.type(within(form).getByRole("textbox", { name: "Access ID" }), "12345");
    await user.type(within(form).getByLabelText(/^Secret Key/), "s3cret");
    await user.click(within(form).getByRole("button", { name: "Save connection" }));

    expect(fakeApi.saveConnection).toHaveBeenCalledWith({
      id: null,
      name: "Acme cloud",
      deployment: "publicCloud",
      baseUrl: "https://app.threatconnect.com/api",
      authMethod: "hmac",
      accessId: "12345",
      secret: "s3cret",
      tls: { verify: true, caFile: null },
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByRole("group", { name: "Acme cloud" })).toBeInTheDocument();
  });

  it("leaves the base URL empty with its placeholder for Dedicated Cloud, and never rewrites typed text", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    const baseUrl = within(form).getByRole("textbox", { name: "Base URL" });

    await user.click(within(form).getByRole("radio", { name: "Dedicated Cloud" }));
    expect(baseUrl).toHaveValue("");
    expect(baseUrl).toHaveAttribute("placeholder", "https://yourcompany.threatconnect.com/api");

    await user.type(baseUrl, "https://acme.threatconnect.com/api");
    await user.click(within(form).getByRole("radio", { name: "On-Premises" }));
    expect(baseUrl).toHaveValue("https://acme.threatconnect.com/api");
    await user.click(within(form).getByRole("radio", { name: "Public Cloud" }));
    expect(baseUrl).toHaveValue("https://acme.threatconnect.com/api");
  });

  it("sends an API token, with no Access ID, when token sign-in is chosen", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Token profile");
    await user.click(within(form).getByRole("radio", { name: "API token" }));
    expect(within(form).queryByRole("textbox", { name: "Access ID" })).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText(/^API token/, { selector: "input[type=password]" }), "tok-123");
    await user.click(within(form).getByRole("button", { name: "Save connection" }));
    expect(fakeApi.saveConnection).toHaveBeenCalledWith(
      expect.objectContaining({ authMethod: "token", accessId: null, secret: "tok-123" }),
    );
  });

  it("checks a field when it is left, and does not call the backend with missing values", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    const name = within(form).getByRole("textbox", { name: "Name" });
    // Passing through an empty field says nothing yet; emptying it and leaving does.
    await user.click(name);
    await user.tab();
    expect(name).not.toHaveAttribute("aria-invalid", "true");
    await user.type(name, "A");
    await user.clear(name);
    await user.tab();
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(within(form).getByText("Enter a name for this connection.")).toBeInTheDocument();

    await user.click(within(form).getByRole("button", { name: "Save connection" }));
    expect(within(form).getByText("Enter the Access ID of the API user.")).toBeInTheDocument();
    expect(within(form).getByText("Enter the Secret Key of the API user.")).toBeInTheDocument();
    expect(fakeApi.saveConnection).not.toHaveBeenCalled();

    await user.type(name, "Acme");
    expect(within(form).queryByText("Enter a name for this connection.")).not.toBeInTheDocument();
  });

  it("shows the backend's validation error on the field it names", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Acme");
    await user.click(within(form).getByRole("radio", { name: "Dedicated Cloud" }));
    const baseUrl = within(form).getByRole("textbox", { name: "Base URL" });
    await user.type(baseUrl, "acme.threatconnect.com/api");
    await user.type(within(form).getByRole("textbox", { name: "Access ID" }), "12345");
    await user.type(within(form).getByLabelText(/^Secret Key/), "s3cret");
    await user.click(within(form).getByRole("button", { name: "Save connection" }));

    expect(await within(form).findByText(/The base URL must start with https:\/\//)).toBeInTheDocument();
    expect(baseUrl).toHaveAttribute("aria-invalid", "true");
    expect(within(form).getByRole("textbox", { name: "Name" })).not.toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("dialog", { name: "New connection" })).toBeInTheDocument();
  });

  it("submits with Enter and closes with Escape", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Acme");
    await user.type(within(form).getByRole("textbox", { name: "Access ID" }), "12345");
    await user.type(within(form).getByLabelText(/^Secret Key/), "s3cret{Enter}");
    expect(fakeApi.saveConnection).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await openNewForm(user);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("says where the secret is kept, and warns when there is no keychain", async () => {
    const { user } = renderApp({ keychain: { available: false, name: "Secret Service" } });
    const form = await openNewForm(user);
    expect(within(form).getByTestId("keychain-warning")).toHaveTextContent(
      "No keychain is available on this computer (Secret Service not found): the secret is kept for this session only and you will need to enter it again after restarting.",
    );
  });

  it("warns in red when certificate checks are turned off", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    expect(within(form).getByText(/Kept in Secret Service/)).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Advanced: certificates (TLS)" }));
    const verify = await within(form).findByRole("switch", { name: /Verify TLS certificates/ });
    expect(verify).toBeChecked();
    await user.click(verify);
    expect(within(form).getByTestId("tls-warning")).toHaveTextContent("Use this only for test instances");
  });
});

describe("Editing a connection", () => {
  it("keeps the saved secret when the secret field is left empty", async () => {
    const { user } = renderApp({ connections: [ACME] });
    await rows();
    await user.click(screen.getByRole("button", { name: "Edit Acme Dedicated" }));
    const form = await screen.findByRole("dialog", { name: "Edit Acme Dedicated" });
    const secret = within(form).getByLabelText(/^Secret Key/);
    expect(secret).toHaveValue("");
    expect(secret).toHaveAttribute("placeholder", "Saved — leave empty to keep it");

    const name = within(form).getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.type(name, "Acme (production)");
    await user.click(within(form).getByRole("button", { name: "Save connection" }));

    expect(fakeApi.saveConnection).toHaveBeenCalledWith({
      id: "conn-acme",
      name: "Acme (production)",
      deployment: "dedicatedCloud",
      baseUrl: "https://acme.threatconnect.com/api",
      authMethod: "hmac",
      accessId: "40128793561029384756",
      secret: null,
      tls: { verify: true, caFile: null },
    });
    expect(await screen.findByRole("group", { name: "Acme (production)" })).toBeInTheDocument();
  });

  it("asks for a new secret when the sign-in method changes", async () => {
    const { user } = renderApp({ connections: [ACME] });
    await rows();
    await user.click(screen.getByRole("button", { name: "Edit Acme Dedicated" }));
    const form = await screen.findByRole("dialog", { name: "Edit Acme Dedicated" });
    await user.click(within(form).getByRole("radio", { name: "API token" }));
    expect(within(form).getByLabelText(/^API token/, { selector: "input[type=password]" })).not.toHaveAttribute(
      "placeholder",
      "Saved — leave empty to keep it",
    );
    await user.click(within(form).getByRole("button", { name: "Save connection" }));
    expect(within(form).getByText("Enter the API token.")).toBeInTheDocument();
    expect(fakeApi.saveConnection).not.toHaveBeenCalled();
  });
});

describe("Test connection", () => {
  async function fillAndTest(user: ReturnType<typeof renderApp>["user"], secret = "s3cret") {
    const form = await openNewForm(user);
    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Acme");
    await user.type(within(form).getByRole("textbox", { name: "Access ID" }), "12345");
    await user.type(within(form).getByLabelText(/^Secret Key/), secret);
    await user.click(within(form).getByRole("button", { name: "Test connection" }));
    return form;
  }

  it("tests the unsaved form and shows user, owners, latency, clock and signing", async () => {
    const { user } = renderApp({ remoteLatencyMs: 184, remoteSkewSeconds: 0 });
    const form = await fillAndTest(user);
    const result = await within(form).findByTestId("test-result");

    expect(fakeApi.testConnection).toHaveBeenCalledWith(
      expect.objectContaining({ id: null, baseUrl: "https://app.threatconnect.com/api", secret: "s3cret" }),
    );
    expect(fakeApi.saveConnection).not.toHaveBeenCalled();
    expect(result).toHaveTextContent("Demo Analyst");
    expect(result).toHaveTextContent("demo-analyst");
    expect(result).toHaveTextContent("Api User");
    expect(within(result).getByTestId("test-owner-count")).toHaveTextContent("3 owners visible");
    const groups = [...result.querySelectorAll("[data-owner-group]")].map((g) => g.getAttribute("data-owner-group"));
    expect(groups).toEqual(["Organization", "Community", "Source"]);
    expect(result.querySelector('[data-owner-group="Community"]')).toHaveTextContent("Financial Sector ISAC");
    expect(within(result).getByTestId("test-latency")).toHaveTextContent("185 ms");
    expect(within(result).getByTestId("test-skew")).toHaveTextContent(
      "Your clock and ThreatConnect's agree (within 1 second).",
    );
    expect(within(result).getByTestId("test-signing")).toHaveTextContent("Signing self-test passed");
  });

  it("warns in plain words when the clock drifts towards the limit", async () => {
    const { user } = renderApp({ remoteSkewSeconds: 220 });
    const form = await fillAndTest(user);
    const skew = await within(form).findByTestId("test-skew");
    expect(skew).toHaveAttribute("data-skew-level", "warning");
    expect(skew).toHaveTextContent(
      "Your computer's clock is 3 minutes 40 seconds behind ThreatConnect's. Requests are refused beyond 5 minutes — correct the clock soon.",
    );
  });

  it("prefers the backend's own clock message", async () => {
    const { user } = renderApp();
    const report = await fakeApi.testConnection({
      id: null,
      name: "x",
      deployment: "publicCloud",
      baseUrl: "https://app.threatconnect.com/api",
      authMethod: "hmac",
      accessId: "1",
      secret: "s",
      tls: { verify: true, caFile: null },
    });
    fakeApi.testConnection.mockResolvedValueOnce({
      ...report,
      clockSkewSeconds: -250,
      skewLevel: "warning",
      skewMessage: "Your computer's clock is 4 minutes 10 seconds ahead of ThreatConnect's.",
    });
    const form = await fillAndTest(user);
    expect(await within(form).findByTestId("test-skew")).toHaveTextContent(
      "Your computer's clock is 4 minutes 10 seconds ahead of ThreatConnect's.",
    );
  });

  it("shows a rejected sign-in with its hint and a Retry, and no codes", async () => {
    const { user } = renderApp();
    const form = await fillAndTest(user, "wrong");
    const result = await within(form).findByTestId("test-result");
    expect(result).toHaveAttribute("data-state", "error");
    expect(result).toHaveTextContent("ThreatConnect did not accept this Access ID and Secret Key.");
    expect(result).toHaveTextContent("Check both values against the API user in ThreatConnect.");
    expect(result).not.toHaveTextContent(/\b40[13]\b/);
    expect(result).not.toHaveTextContent("AuthRejected");

    await user.click(within(result).getByRole("button", { name: "Retry" }));
    expect(fakeApi.testConnection).toHaveBeenCalledTimes(2);
  });

  it("tests a saved connection from its row with the stored secret, and colours the health dot", async () => {
    const { user } = renderApp({ connections: [ACME], selectedConnectionId: "conn-acme", remoteSkewSeconds: 0 });
    await rows();
    await user.click(screen.getByRole("button", { name: "Test Acme Dedicated" }));
    expect(fakeApi.testConnection).toHaveBeenCalledWith(expect.objectContaining({ id: "conn-acme", secret: null }));
    const result = await within(row("Acme Dedicated")).findByTestId("test-result");
    expect(result).toHaveTextContent("Connection works");
    expect(screen.getByRole("img", { name: "Status: Connected" })).toBeInTheDocument();
  });

  it("turns the health dot red when a row test cannot reach ThreatConnect", async () => {
    const { user } = renderApp({
      connections: [{ ...ACME, baseUrl: "https://unreachable.example/api" }],
      selectedConnectionId: "conn-acme",
    });
    await rows();
    await user.click(screen.getByRole("button", { name: "Test Acme Dedicated" }));
    const result = await within(row("Acme Dedicated")).findByTestId("test-result");
    expect(result).toHaveTextContent("TC Bridge could not reach ThreatConnect at this base URL.");
    expect(screen.getByRole("img", { name: "Status: Unreachable" })).toHaveAttribute("data-health", "error");
  });
});

describe("Deleting a connection", () => {
  it("asks first, says what will happen, and deletes only on confirmation", async () => {
    const { user } = renderApp({ connections: [ACME] });
    await rows();
    await user.click(screen.getByRole("button", { name: "Delete Acme Dedicated" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete “Acme Dedicated”?" });
    expect(within(dialog).getByTestId("delete-consequences")).toHaveTextContent(
      "Its stored Secret Key is removed from Secret Service.",
    );
    expect(dialog).toHaveTextContent("Nothing in ThreatConnect itself is changed.");

    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(fakeApi.deleteConnection).not.toHaveBeenCalled();
    expect(row("Acme Dedicated")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Delete Acme Dedicated" }));
    const again = await screen.findByRole("dialog", { name: "Delete “Acme Dedicated”?" });
    await user.click(within(again).getByRole("button", { name: "Delete connection" }));
    expect(fakeApi.deleteConnection).toHaveBeenCalledWith("conn-acme");
    await waitFor(() => expect(screen.queryByRole("group", { name: "Acme Dedicated" })).not.toBeInTheDocument());
  });
});

describe("Unsaved changes in the connection form", () => {
  const BETA = { ...ACME, id: "conn-beta", name: "Beta On-Prem", deployment: "onPrem" as const, baseUrl: "https://tc.beta.internal/api" };
  const QUESTION = "Discard your changes to this connection?";

  function question() {
    return screen.queryByRole("dialog", { name: QUESTION });
  }

  it("asks once before Esc, the close button or Cancel closes a changed form; Keep editing keeps it", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    const name = within(form).getByRole("textbox", { name: "Name" });
    expect(screen.queryByTestId("unsaved-changes")).not.toBeInTheDocument();
    await user.type(name, "Acme staging");
    expect(screen.getByTestId("unsaved-changes")).toHaveTextContent("Unsaved changes");

    for (const close of [
      () => user.keyboard("{Escape}"),
      () => user.click(within(form).getByRole("button", { name: "Close" })),
      () => user.click(within(form).getByRole("button", { name: "Cancel" })),
    ]) {
      await close();
      const asking = await screen.findByRole("dialog", { name: QUESTION });
      const keep = within(asking).getByRole("button", { name: "Keep editing" });
      await waitFor(() => expect(keep).toHaveFocus());
      expect(within(asking).getByRole("button", { name: "Discard changes" })).toBeInTheDocument();
      await user.click(keep);
      await waitFor(() => expect(question()).not.toBeInTheDocument());
      expect(screen.getByRole("dialog", { name: "New connection" })).toBeInTheDocument();
      expect(name).toHaveValue("Acme staging");
    }

    // Esc in the question means "Keep editing" too.
    await user.click(name);
    await user.keyboard("{Escape}");
    await screen.findByRole("dialog", { name: QUESTION });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(question()).not.toBeInTheDocument());
    expect(screen.getByRole("dialog", { name: "New connection" })).toBeInTheDocument();
    expect(name).toHaveValue("Acme staging");
  });

  it("closes on Discard changes, keeps nothing of what was typed, and gives the focus back", async () => {
    const { user } = renderApp();
    const form = await openNewForm(user);
    await user.type(within(form).getByRole("textbox", { name: "Name" }), "Acme staging");
    await user.type(within(form).getByLabelText(/^Secret Key/), "typed-secret-0123");
    await user.click(within(form).getByRole("button", { name: "Cancel" }));
    const asking = await screen.findByRole("dialog", { name: QUESTION });
    expect(asking).toHaveTextContent("This new connection has not been saved.");
    await user.click(within(asking).getByRole("button", { name: "Discard changes" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole("button", { name: "New connection" })).toHaveFocus());
    expect(fakeApi.saveConnection).not.toHaveBeenCalled();
    const stored = [localStorage, sessionStorage].flatMap((store) =>
      Object.keys(store).map((key) => store.getItem(key) ?? ""),
    );
    expect(stored.join("\n")).not.toContain("typed-secret-0123");

    const again = await openNewForm(user);
    expect(within(again).getByRole("textbox", { name: "Name" })).toHaveValue("");
    expect(within(again).getByLabelText(/^Secret Key/)).toHaveValue("");
  });

  it("closes an unchanged form at once, also one changed and changed back", async () => {
    const { user } = renderApp({ connections: [ACME] });
    await openNewForm(user);
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await user.click(screen.getByRole("button", { name: "Edit Acme Dedicated" }));
    const form = await screen.findByRole("dialog", { name: "Edit Acme Dedicated" });
    const name = within(form).getByRole("textbox", { name: "Name" });
    await user.type(name, "!");
    await user.type(name, "{Backspace}");
    expect(screen.queryByTestId("unsaved-changes")).not.toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(question()).not.toBeInTheDocument();
  });

  it("does not ask once the changes are saved", async () => {
    const { user } = renderApp({ connections: [ACME] });
    await rows();
    await user.click(screen.getByRole("button", { name: "Edit Acme Dedicated" }));
    const form = await screen.findByRole("dialog", { name: "Edit Acme Dedicated" });
    await user.type(within(form).getByRole("textbox", { name: "Name" }), " (production)");
    await user.click(within(form).getByRole("button", { name: "Save connection" }));
    expect(fakeApi.saveConnection).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByRole("group", { name: "Acme Dedicated (production)" })).toBeInTheDocument();
  });

  it("asks before another connection's Edit replaces a changed form", async () => {
    const { user } = renderApp({ connections: [ACME, BETA] });
    await rows();
    await user.click(screen.getByRole("button", { name: "Edit Acme Dedicated" }));
    const form = await screen.findByRole("dialog", { name: "Edit Acme Dedicated" });
    await user.type(within(form).getByRole("textbox", { name: "Name" }), " (old)");

    await user.click(screen.getByRole("button", { name: "Edit Beta On-Prem" }));
    const asking = await screen.findByRole("dialog", { name: QUESTION });
    expect(asking).toHaveTextContent("Your changes to “Acme Dedicated” have not been saved.");
    await user.click(within(asking).getByRole("button", { name: "Keep editing" }));
    await waitFor(() => expect(question()).not.toBeInTheDocument());
    expect(within(form).getByRole("textbox", { name: "Name" })).toHaveValue("Acme Dedicated (old)");

    await user.click(screen.getByRole("button", { name: "Edit Beta On-Prem" }));
    await user.click(within(await screen.findByRole("dialog", { name: QUESTION })).getByRole("button", { name: "Discard changes" }));
    const beta = await screen.findByRole("dialog", { name: "Edit Beta On-Prem" });
    const betaName = within(beta).getByRole("textbox", { name: "Name" });
    expect(betaName).toHaveValue("Beta On-Prem");
    await waitFor(() => expect(betaName).toHaveFocus());
    expect(screen.queryByTestId("unsaved-changes")).not.toBeInTheDocument();
    expect(fakeApi.saveConnection).not.toHaveBeenCalled();
  });
});
