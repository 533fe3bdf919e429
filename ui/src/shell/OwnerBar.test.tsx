import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../ipc/errors";
import { ACME, SANDBOX_ID, SANDBOX_OWNERS } from "../dev/fakeBackend";
import { fakeApi } from "../test/fakeIpc";
import { renderApp } from "../test/render";

vi.mock("../ipc", async () => (await import("../test/fakeIpc")).ipcModule());


function ownerInput() {
  return screen.getByRole("combobox", { name: "Owner" });
}

describe("Owner bar", () => {
  it("lists owners grouped by Organization, Community and Source, each with its type", async () => {
    const { user } = renderApp({
      remoteOwners: [
        { id: "13", name: "Zeta Feed", ownerType: "Source" },
        { id: "11", name: "Acme Corp", ownerType: "Organization" },
        { id: "12", name: "Sector ISAC", ownerType: "Community" },
        { id: "14", name: "Alpha Feed", ownerType: "Source" },
      ],
      connections: [ACME],
      selectedConnectionId: ACME.id,
    });
    await waitFor(() => expect(fakeApi.listOwners).toHaveBeenCalledWith("conn-acme"));
    await user.click(ownerInput());
    const listbox = await screen.findByRole("listbox");
    const groups = within(listbox).getAllByRole("group");
    expect(groups.map((g) => within(g).getAllByRole("option").map((o) => o.textContent))).toEqual([
      ["Acme CorpOrganization"],
      ["Sector ISACCommunity"],
      ["Alpha FeedSource", "Zeta FeedSource"],
    ]);
    expect(within(listbox).getByRole("group", { name: "Organization" })).toBeInTheDocument();
    expect(within(listbox).getByRole("group", { name: "Community" })).toBeInTheDocument();
    expect(within(listbox).getByRole("group", { name: "Source" })).toBeInTheDocument();
    expect(within(listbox).getAllByTestId("owner-type-badge")).toHaveLength(4);
  });

  it("saves the chosen owner for the connection and shows it", async () => {
    const { user } = renderApp();
    await waitFor(() => expect(fakeApi.listOwners).toHaveBeenCalledWith(SANDBOX_ID));
    await user.click(ownerInput());
    await user.click(await screen.findByRole("option", { name: /Partner Community/ }));
    expect(fakeApi.selectOwner).toHaveBeenCalledWith(SANDBOX_ID, {
      id: "2",
      name: "Partner Community",
      ownerType: "Community",
    });
    await waitFor(() => expect(ownerInput()).toHaveValue("Partner Community"));
    // The connection list shows the same choice.
    expect(within(screen.getByRole("group", { name: "Local sandbox" })).getByTestId("connection-owner")).toHaveTextContent(
      "Partner Community",
    );
  });

  it("shows the chosen owner after a restart without choosing a default", async () => {
    renderApp({ sandboxOwner: SANDBOX_OWNERS[2] ?? null });
    await waitFor(() => expect(ownerInput()).toHaveValue("Partner Feed"));
    expect(fakeApi.selectOwner).not.toHaveBeenCalled();
  });

  it("asks for an owner on a real connection that has none, and never picks one itself", async () => {
    renderApp({ connections: [ACME], selectedConnectionId: ACME.id });
    await waitFor(() => expect(fakeApi.listOwners).toHaveBeenCalled());
    expect(ownerInput()).toHaveAttribute("placeholder", "Choose an owner");
    expect(ownerInput()).toHaveValue("");
    expect(screen.getByTestId("no-owner-note")).toHaveTextContent(
      "Nothing is pulled or written until you choose an owner",
    );
    expect(fakeApi.selectOwner).not.toHaveBeenCalled();
  });

  it("does not show the note for the sandbox", async () => {
    renderApp();
    await waitFor(() => expect(fakeApi.listOwners).toHaveBeenCalled());
    expect(ownerInput()).toHaveAttribute("placeholder", "Choose an owner");
    expect(screen.queryByTestId("no-owner-note")).not.toBeInTheDocument();
  });

  it("labels the sandbox connection and shows its health in words", async () => {
    renderApp();
    const pill = await screen.findByTestId("connection-pill");
    expect(within(pill).getByTestId("sandbox-badge")).toHaveTextContent("Local sandbox");
    expect(await within(pill).findByRole("img", { name: "Status: Connected" })).toHaveAttribute("data-health", "ok");
  });

  it("shows grey 'not checked yet' until the first call answers", async () => {
    let answer: () => void = () => undefined;
    renderApp({}, () => {
      fakeApi.listOwners.mockImplementationOnce(
        () =>
          new Promise((resolve) => {
            answer = () => resolve({ owners: SANDBOX_OWNERS, latencyMs: 12, clockSkewSeconds: 0, skewLevel: "ok" });
          }),
      );
    });
    const dot = await screen.findByRole("img", { name: "Status: Not checked yet" });
    expect(dot).toHaveAttribute("data-health", "unknown");
    answer();
    expect(await screen.findByRole("img", { name: "Status: Connected" })).toBeInTheDocument();
  });

  it("turns amber when ThreatConnect is slow or the clocks drift", async () => {
    renderApp({ connections: [ACME], selectedConnectionId: ACME.id, remoteLatencyMs: 2300 });
    expect(await screen.findByRole("img", { name: "Status: Slow to answer" })).toHaveAttribute(
      "data-health",
      "warning",
    );
  });

  it("refreshes owners on demand", async () => {
    const { user } = renderApp();
    await waitFor(() => expect(fakeApi.listOwners).toHaveBeenCalledTimes(1));
    await user.click(screen.getByRole("button", { name: "Refresh owners" }));
    await waitFor(() => expect(fakeApi.listOwners).toHaveBeenCalledTimes(2));
  });

  it("says when owners cannot be loaded, and turns the dot red", async () => {
    renderApp({}, () => {
      fakeApi.listOwners.mockRejectedValueOnce(
        new BackendError({
          kind: "Network",
          message: "TC Bridge could not reach ThreatConnect.",
          hint: "Check your network connection.",
          field: null,
        }),
      );
    });
    const problem = await screen.findByTestId("owners-error");
    expect(problem).toHaveAccessibleName(
      "Owners could not be loaded. TC Bridge could not reach ThreatConnect. Check your network connection.",
    );
    expect(screen.getByRole("img", { name: "Status: Unreachable" })).toHaveAttribute("data-health", "error");
  });

  it("switches the connection from the pill", async () => {
    const { user } = renderApp({ connections: [ACME] });
    await user.click(await screen.findByRole("button", { name: "Connection: Local sandbox" }));
    await user.click(await screen.findByRole("menuitem", { name: /Acme Dedicated/ }));
    expect(fakeApi.selectConnection).toHaveBeenCalledWith("conn-acme");
    expect(await screen.findByRole("button", { name: "Connection: Acme Dedicated" })).toBeInTheDocument();
    await waitFor(() => expect(fakeApi.listOwners).toHaveBeenCalledWith("conn-acme"));
  });
});
