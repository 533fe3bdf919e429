import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../ipc/errors";
import { fakeApi } from "../test/fakeIpc";
import { renderApp } from "../test/render";

vi.mock("../ipc", async () => (await import("../test/fakeIpc")).ipcModule());

describe("Navigation rail", () => {
  it("highlights Connections and shows the later screens as disabled, with a note", async () => {
    const { user } = renderApp();
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("button", { name: "Connections" })).toHaveAttribute("aria-current", "page");
    for (const name of ["Explore", "Map", "Commit", "Docs"]) {
      const item = within(nav).getByRole("button", { name });
      expect(item).toHaveAttribute("aria-disabled", "true");
      expect(item).toHaveAccessibleDescription("Arrives in a later version");
      expect(item).not.toHaveAttribute("aria-current");
    }
    await user.click(within(nav).getByRole("button", { name: "Explore" }));
    expect(within(nav).getByRole("button", { name: "Connections" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("heading", { name: "Connections" })).toBeInTheDocument();
  });

  it("collapses, keeping names for every item, and remembers it", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("connection-row");
    await user.click(screen.getByRole("button", { name: "Collapse navigation" }));
    expect(fakeApi.saveSettings).toHaveBeenCalledWith({ theme: "system", workshopMode: false, navCollapsed: true });
    const expand = await screen.findByRole("button", { name: "Expand navigation" });
    expect(expand).toHaveAttribute("aria-expanded", "false");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("button", { name: "Connections" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("button", { name: "Docs" })).toHaveAttribute("aria-disabled", "true");
  });

  it("starts collapsed when the saved settings say so", async () => {
    renderApp({ settings: { navCollapsed: true } });
    expect(await screen.findByRole("button", { name: "Expand navigation" })).toBeInTheDocument();
  });
});

describe("Preferences", () => {
  it("switches to workshop view, scaling the page, and saves it", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("connection-row");
    expect(document.documentElement.dataset.workshop).toBe("off");
    await user.click(screen.getByRole("switch", { name: "Workshop view" }));
    expect(fakeApi.saveSettings).toHaveBeenCalledWith({ theme: "system", workshopMode: true, navCollapsed: false });
    await waitFor(() => expect(document.documentElement.dataset.workshop).toBe("on"));
    expect(screen.getByRole("switch", { name: "Workshop view" })).toBeChecked();
  });

  it("switches the theme and saves the choice", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("connection-row");
    const theme = screen.getByRole("radiogroup", { name: "Theme" });
    expect(within(theme).getByRole("radio", { name: "Follow system theme" })).toBeChecked();
    await user.click(within(theme).getByRole("radio", { name: "Dark theme" }));
    expect(fakeApi.saveSettings).toHaveBeenCalledWith({ theme: "dark", workshopMode: false, navCollapsed: false });
    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "dark"));
  });

  it("goes back to the saved value if the setting cannot be stored", async () => {
    const { user } = renderApp({}, () => {
      fakeApi.saveSettings.mockRejectedValueOnce(
        new BackendError({ kind: "Storage", message: "The settings file is read-only.", hint: null, field: null }),
      );
    });
    await screen.findAllByTestId("connection-row");
    await user.click(screen.getByRole("switch", { name: "Workshop view" }));
    await waitFor(() => expect(screen.getByRole("switch", { name: "Workshop view" })).not.toBeChecked());
    expect(await screen.findByText("The settings file is read-only.")).toBeInTheDocument();
  });
});

describe("Status line", () => {
  it("shows the sandbox, the last request, the clock and the last pull", async () => {
    renderApp();
    const status = await screen.findByTestId("status-line");
    await waitFor(() => expect(status).toHaveTextContent("Sandbox running at http://127.0.0.1:8787/api"));
    await waitFor(() => expect(within(status).getByTestId("status-latency")).toHaveTextContent("Last request: 40 ms"));
    expect(within(status).getByTestId("status-clock")).toHaveTextContent("Clock in step");
    expect(within(status).getByTestId("status-last-pull")).toHaveTextContent("Last pull: never");
  });

  it("says why the sandbox is not running", async () => {
    renderApp({ sandbox: { running: false, baseUrl: null, error: "port 8787 is in use" } });
    const status = await screen.findByTestId("status-line");
    await waitFor(() => expect(status).toHaveTextContent("Sandbox not running: port 8787 is in use"));
  });

  it("reports clock skew from the last owners call", async () => {
    renderApp({
      connections: [
        {
          id: "c1",
          name: "Acme",
          deployment: "publicCloud",
          baseUrl: "https://app.threatconnect.com/api",
          authMethod: "token",
          accessId: null,
          hasSecret: true,
          secretStorage: "keychain",
          tls: { verify: true, caFile: null },
          owner: null,
          builtIn: false,
        },
      ],
      selectedConnectionId: "c1",
      remoteSkewSeconds: -220,
    });
    const clock = await screen.findByTestId("status-clock");
    await waitFor(() => expect(clock).toHaveTextContent("Clock 3 min 40 s ahead"));
    expect(await screen.findByRole("img", { name: "Status: Clock out of step" })).toBeInTheDocument();
  });
});
