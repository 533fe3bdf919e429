import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../ipc/errors";
import { ACME, SANDBOX_ID } from "../dev/fakeBackend";
import { fakeApi } from "../test/fakeIpc";
import { renderApp } from "../test/render";

vi.mock("../ipc", async () => (await import("../test/fakeIpc")).ipcModule());

type User = ReturnType<typeof renderApp>["user"];

function switcher() {
  return screen.queryByRole("dialog", { name: "Quick switcher" });
}

function search() {
  return screen.getByRole("combobox", { name: "Find a screen, connection, owner or action" });
}

/** The names of the options shown, in order. */
function optionNames() {
  return screen.queryAllByRole("option").map((option) => option.getAttribute("aria-label"));
}

/** The option the search field points at (aria-activedescendant). */
function highlighted() {
  const id = search().getAttribute("aria-activedescendant");
  return id === null ? null : document.getElementById(id);
}

/** Renders the app, waits for the owners of the connection in use, opens the switcher with Ctrl+K. */
async function openSwitcher(user: User) {
  await screen.findAllByTestId("connection-row");
  await waitFor(() => expect(fakeApi.listOwners).toHaveBeenCalled());
  await user.keyboard("{Control>}k{/Control}");
  const dialog = await screen.findByRole("dialog", { name: "Quick switcher" });
  await waitFor(() => expect(search()).toHaveFocus());
  return dialog;
}

describe("Quick switcher", () => {
  it("opens with Ctrl+K and with ⌘K: a dialog with a search combobox over a listbox", async () => {
    const { user } = renderApp();
    const dialog = await openSwitcher(user);
    const box = search();
    expect(box).toHaveAttribute("aria-expanded", "true");
    const listbox = within(dialog).getByRole("listbox");
    expect(box).toHaveAttribute("aria-controls", listbox.id);
    expect(within(listbox).getByRole("group", { name: "Screens" })).toBeInTheDocument();
    expect(within(listbox).getByRole("group", { name: "Connections" })).toBeInTheDocument();
    expect(within(listbox).getByRole("group", { name: "Owners of Local sandbox" })).toBeInTheDocument();
    expect(within(listbox).getByRole("group", { name: "Actions" })).toBeInTheDocument();
    // The first option that can be chosen is highlighted.
    expect(highlighted()).toHaveAccessibleName("Connections");
    expect(highlighted()).toHaveAttribute("aria-selected", "true");

    await user.keyboard("{Escape}");
    await waitFor(() => expect(switcher()).not.toBeInTheDocument());
    await user.keyboard("{Meta>}k{/Meta}");
    expect(await screen.findByRole("dialog", { name: "Quick switcher" })).toBeInTheDocument();
  });

  it("opens from the owner bar's key cap, which names the shortcut", async () => {
    const { user } = renderApp();
    const hint = await screen.findByRole("button", { name: "Open quick switcher" });
    expect(hint).toHaveTextContent("Ctrl K");
    expect(hint).toHaveAttribute("aria-keyshortcuts", "Control+K");
    await user.click(hint);
    expect(await screen.findByRole("dialog", { name: "Quick switcher" })).toBeInTheDocument();
  });

  it("filters as you type, ignoring case and word order, and says when nothing matches", async () => {
    const { user } = renderApp({ connections: [ACME] });
    const dialog = await openSwitcher(user);
    expect(optionNames()).toEqual(
      expect.arrayContaining(["Connections", "Use Local sandbox", "Use Acme Dedicated", "Owner: Demo Organization", "New connection"]),
    );

    await user.type(search(), "PART");
    expect(optionNames()).toEqual(["Owner: Partner Community", "Owner: Partner Feed"]);
    expect(screen.getByRole("option", { name: "Owner: Partner Feed" })).toHaveAccessibleDescription("Source");

    await user.clear(search());
    await user.type(search(), "feed partner");
    expect(optionNames()).toEqual(["Owner: Partner Feed"]);

    await user.clear(search());
    await user.type(search(), "dedicated");
    expect(optionNames()).toEqual(["Use Acme Dedicated"]);

    await user.type(search(), " zzz");
    expect(screen.queryAllByRole("option")).toHaveLength(0);
    expect(screen.getByText(/Nothing matches “dedicated zzz”/)).toBeInTheDocument();
    expect(within(dialog).getByRole("status")).toHaveTextContent("0 results");
  });

  it("uses a connection on Enter, through the app's own action, then closes", async () => {
    const { user } = renderApp({ connections: [ACME] });
    await openSwitcher(user);
    await user.type(search(), "acme");
    expect(highlighted()).toHaveAccessibleName("Use Acme Dedicated");
    await user.keyboard("{Enter}");
    expect(fakeApi.selectConnection).toHaveBeenCalledWith("conn-acme");
    await waitFor(() => expect(switcher()).not.toBeInTheDocument());
    expect(await screen.findByRole("button", { name: "Connection: Acme Dedicated" })).toBeInTheDocument();
  });

  it("chooses an owner of the connection in use with the arrows and Enter", async () => {
    const { user } = renderApp();
    await openSwitcher(user);
    await user.type(search(), "owner");
    expect(optionNames()).toEqual([
      "Owner: Demo Organization",
      "Owner: Partner Community",
      "Owner: Partner Feed",
    ]);
    await user.keyboard("{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}");
    // Down from the last option wraps to the first; up from there goes back to the last.
    expect(highlighted()).toHaveAccessibleName("Owner: Partner Feed");
    await user.keyboard("{ArrowUp}");
    expect(highlighted()).toHaveAccessibleName("Owner: Partner Community");
    await user.keyboard("{Enter}");
    expect(fakeApi.selectOwner).toHaveBeenCalledWith(SANDBOX_ID, {
      id: "2",
      name: "Partner Community",
      ownerType: "Community",
    });
    await waitFor(() => expect(switcher()).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Owner" })).toHaveValue("Partner Community"));
  });

  it("shows the screens that are not here yet, and does not let them be chosen", async () => {
    const { user } = renderApp();
    await openSwitcher(user);
    await user.keyboard("{ArrowDown}");
    const explore = screen.getByRole("option", { name: "Explore" });
    expect(highlighted()).toBe(explore);
    expect(explore).toHaveAttribute("aria-disabled", "true");
    expect(explore).toHaveAccessibleDescription("Arrives in a later version");

    await user.keyboard("{Enter}");
    await user.click(explore);
    expect(switcher()).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("button", { name: "Connections" })).toHaveAttribute("aria-current", "page");

    // Typing its name does not make it the highlighted choice either.
    await user.type(search(), "docs");
    expect(optionNames()).toEqual(["Docs"]);
    expect(highlighted()).toBeNull();
    await user.keyboard("{Enter}");
    expect(switcher()).toBeInTheDocument();
  });

  it("closes on Esc and gives the focus back to where it was", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("connection-row");
    const newConnection = screen.getByRole("button", { name: "New connection" });
    newConnection.focus();
    await user.keyboard("{Control>}k{/Control}");
    await screen.findByRole("dialog", { name: "Quick switcher" });
    await waitFor(() => expect(search()).toHaveFocus());
    await user.keyboard("{Escape}");
    await waitFor(() => expect(switcher()).not.toBeInTheDocument());
    await waitFor(() => expect(newConnection).toHaveFocus());

    const hint = screen.getByRole("button", { name: "Open quick switcher" });
    await user.click(hint);
    await screen.findByRole("dialog", { name: "Quick switcher" });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(hint).toHaveFocus());
  });

  it("closes only itself when opened over the connection form", async () => {
    const { user } = renderApp();
    await screen.findAllByTestId("connection-row");
    await user.click(screen.getByRole("button", { name: "New connection" }));
    const form = await screen.findByRole("dialog", { name: "New connection" });
    await user.keyboard("{Control>}k{/Control}");
    await screen.findByRole("dialog", { name: "Quick switcher" });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(switcher()).not.toBeInTheDocument());
    expect(form).toBeInTheDocument();
  });

  it("runs the actions: new connection, test the connection in use, theme, workshop view", async () => {
    const { user } = renderApp();
    await openSwitcher(user);
    await user.type(search(), "new conn");
    await user.keyboard("{Enter}");
    const form = await screen.findByRole("dialog", { name: "New connection" });
    await waitFor(() => expect(within(form).getByRole("textbox", { name: "Name" })).toHaveFocus());
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await user.keyboard("{Control>}k{/Control}");
    await user.type(await screen.findByRole("combobox", { name: /Find a screen/ }), "test");
    expect(highlighted()).toHaveAccessibleName("Test connection");
    expect(highlighted()).toHaveAccessibleDescription("Local sandbox");
    await user.keyboard("{Enter}");
    expect(fakeApi.testConnection).toHaveBeenCalledWith(expect.objectContaining({ id: SANDBOX_ID, secret: null }));
    const row = screen.getByRole("group", { name: "Local sandbox" });
    expect(await within(row).findByTestId("test-result")).toHaveTextContent("Connection works");

    await user.keyboard("{Control>}k{/Control}");
    await user.type(await screen.findByRole("combobox", { name: /Find a screen/ }), "theme");
    expect(optionNames()).toEqual(["Switch to dark theme", "Switch to light theme"]);
    await user.keyboard("{Enter}");
    expect(fakeApi.saveSettings).toHaveBeenLastCalledWith({ theme: "dark", workshopMode: false, navCollapsed: false });
    await waitFor(() => expect(document.documentElement).toHaveAttribute("data-mantine-color-scheme", "dark"));

    await user.keyboard("{Control>}k{/Control}");
    await user.type(await screen.findByRole("combobox", { name: /Find a screen/ }), "workshop");
    expect(optionNames()).toEqual(["Turn workshop view on"]);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(document.documentElement.dataset.workshop).toBe("on"));
    await user.keyboard("{Control>}k{/Control}");
    await user.type(await screen.findByRole("combobox", { name: /Find a screen/ }), "workshop");
    expect(optionNames()).toEqual(["Turn workshop view off"]);
  });

  it("says in the switcher when a connection cannot be used, and stays open", async () => {
    const { user } = renderApp({ connections: [ACME] }, () => {
      fakeApi.selectConnection.mockRejectedValueOnce(
        new BackendError({
          kind: "Storage",
          message: "TC Bridge could not save which connection is in use.",
          hint: "Check that your home folder is not full.",
          field: null,
        }),
      );
    });
    await openSwitcher(user);
    await user.type(search(), "use acme");
    await user.keyboard("{Enter}");
    const problem = await screen.findByTestId("switcher-error");
    expect(problem).toHaveTextContent("Acme Dedicated could not be chosen");
    expect(problem).toHaveTextContent("Check that your home folder is not full.");
    expect(switcher()).toBeInTheDocument();
    expect(search()).toHaveFocus();
  });
});
