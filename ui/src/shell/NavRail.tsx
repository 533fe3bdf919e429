import { AppShell, Text, ThemeIcon, Tooltip, UnstyledButton, VisuallyHidden } from "@mantine/core";
import {
  IconArrowsShuffle,
  IconBuildingBridge2,
  IconCloudUpload,
  IconCompass,
  IconFileText,
  IconLayoutSidebarLeftCollapse,
  IconLayoutSidebarLeftExpand,
  IconPlugConnected,
} from "@tabler/icons-react";
import type { Icon } from "@tabler/icons-react";
import { useId } from "react";
import { iconProps } from "../lib/icons";
import classes from "./NavRail.module.css";

export type ScreenId = "connections" | "explore" | "map" | "commit" | "docs";

interface ScreenEntry {
  id: ScreenId;
  label: string;
  icon: Icon;
  available: boolean;
}

/** The screens of DESIGN.md, in order. Only Connections exists in this version. */
export const SCREENS: readonly ScreenEntry[] = [
  { id: "connections", label: "Connections", icon: IconPlugConnected, available: true },
  { id: "explore", label: "Explore", icon: IconCompass, available: false },
  { id: "map", label: "Map", icon: IconArrowsShuffle, available: false },
  { id: "commit", label: "Commit", icon: IconCloudUpload, available: false },
  { id: "docs", label: "Docs", icon: IconFileText, available: false },
];

export const LATER_NOTE = "Arrives in a later version";

interface NavRailProps {
  current: ScreenId;
  onNavigate: (screen: ScreenId) => void;
  collapsed: boolean;
  onToggleCollapsed: () => void;
}

/** The left navigation rail: icon + label per screen, current one highlighted, collapsible. */
export function NavRail({ current, onNavigate, collapsed, onToggleCollapsed }: NavRailProps) {
  const laterNoteId = useId();
  return (
    <AppShell.Navbar className={`${classes.rail} ${collapsed ? classes.collapsed : ""}`}>
      <div className={classes.brand}>
        <ThemeIcon size={30} radius="md" variant="filled" aria-hidden>
          <IconBuildingBridge2 {...iconProps(18, 2)} />
        </ThemeIcon>
        {!collapsed && (
          <Text fw={650} size="md" style={{ letterSpacing: "-0.01em" }}>
            TC Bridge
          </Text>
        )}
      </div>

      <VisuallyHidden id={laterNoteId}>{LATER_NOTE}</VisuallyHidden>
      <nav aria-label="Main">
        {SCREENS.map((screen) => {
          const ItemIcon = screen.icon;
          const isCurrent = screen.id === current;
          const tooltip = screen.available ? screen.label : `${screen.label} — ${LATER_NOTE.toLowerCase()}`;
          const button = (
            <UnstyledButton
              className={classes.item}
              aria-current={isCurrent ? "page" : undefined}
              aria-disabled={screen.available ? undefined : true}
              aria-describedby={screen.available ? undefined : laterNoteId}
              aria-label={collapsed ? screen.label : undefined}
              data-screen={screen.id}
              onClick={() => {
                if (screen.available) onNavigate(screen.id);
              }}
            >
              <ItemIcon {...iconProps(18)} />
              {!collapsed && <span className={classes.label}>{screen.label}</span>}
              {!collapsed && !screen.available && (
                <span className={classes.soon} aria-hidden>
                  Later
                </span>
              )}
            </UnstyledButton>
          );
          const showTooltip = collapsed || !screen.available;
          return (
            <Tooltip
              key={screen.id}
              label={collapsed ? tooltip : LATER_NOTE}
              position="right"
              disabled={!showTooltip}
              events={{ hover: true, focus: true, touch: false }}
            >
              {button}
            </Tooltip>
          );
        })}
      </nav>

      <div className={classes.spacer} />

      <Tooltip label="Expand navigation" position="right" disabled={!collapsed} events={{ hover: true, focus: true, touch: false }}>
        <UnstyledButton
          className={classes.item}
          onClick={onToggleCollapsed}
          aria-label={collapsed ? "Expand navigation" : "Collapse navigation"}
          aria-expanded={!collapsed}
        >
          {collapsed ? (
            <IconLayoutSidebarLeftExpand {...iconProps(18)} />
          ) : (
            <IconLayoutSidebarLeftCollapse {...iconProps(18)} />
          )}
          {!collapsed && (
            <span className={classes.label} style={{ color: "var(--mantine-color-dimmed)" }}>
              Collapse
            </span>
          )}
        </UnstyledButton>
      </Tooltip>
    </AppShell.Navbar>
  );
}
