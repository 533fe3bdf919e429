import { AppShell } from "@mantine/core";
import { useDisclosure, useHotkeys } from "@mantine/hooks";
import { useRef, useState } from "react";
import { ConnectionsScreen } from "./screens/connections/ConnectionsScreen";
import type { ConnectionsScreenHandle } from "./screens/connections/ConnectionsScreen";
import { NavRail } from "./shell/NavRail";
import type { ScreenId } from "./shell/NavRail";
import { OwnerBar, needsOwnerNote } from "./shell/OwnerBar";
import { QuickSwitcher } from "./shell/QuickSwitcher";
import { StatusLine } from "./shell/StatusLine";
import { useAppState } from "./state/AppState";

const NAV_WIDTH = 216;
const NAV_WIDTH_COLLAPSED = 60;
const HEADER_HEIGHT = 56;
const NOTE_HEIGHT = 32;
const FOOTER_HEIGHT = 30;

/** The shell: navigation rail, owner bar, the current screen, status line. */
export function App() {
  const { snapshot, selectedConnection, updateSettings } = useAppState();
  const [screen, setScreen] = useState<ScreenId>("connections");
  const [switcherOpen, switcher] = useDisclosure(false);
  const connections = useRef<ConnectionsScreenHandle>(null);
  // Ctrl+K, or ⌘K on a Mac: everywhere, text fields included.
  useHotkeys([["mod+K", switcher.toggle]], []);
  const collapsed = snapshot?.settings.navCollapsed ?? false;
  const headerHeight = HEADER_HEIGHT + (needsOwnerNote(selectedConnection) ? NOTE_HEIGHT : 0);

  return (
    <AppShell
      layout="alt"
      padding={0}
      navbar={{ width: collapsed ? NAV_WIDTH_COLLAPSED : NAV_WIDTH, breakpoint: 0 }}
      header={{ height: headerHeight }}
      footer={{ height: FOOTER_HEIGHT }}
      transitionDuration={150}
    >
      <NavRail
        current={screen}
        onNavigate={setScreen}
        collapsed={collapsed}
        onToggleCollapsed={() => void updateSettings({ navCollapsed: !collapsed })}
      />
      <AppShell.Header>
        <OwnerBar onOpenQuickSwitcher={switcher.open} />
      </AppShell.Header>
      <AppShell.Main>{screen === "connections" && <ConnectionsScreen ref={connections} />}</AppShell.Main>
      <AppShell.Footer>
        <StatusLine />
      </AppShell.Footer>
      <QuickSwitcher
        opened={switcherOpen}
        onClose={switcher.close}
        screen={screen}
        onNavigate={setScreen}
        onNewConnection={() => {
          setScreen("connections");
          connections.current?.newConnection();
        }}
        onTestConnection={() => {
          setScreen("connections");
          connections.current?.testSelected();
        }}
      />
    </AppShell>
  );
}
