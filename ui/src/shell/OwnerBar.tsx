import {
  ActionIcon,
  Badge,
  Group,
  Menu,
  SegmentedControl,
  Select,
  Switch,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import type { ComboboxItemGroup, ComboboxItem } from "@mantine/core";
import {
  IconAlertTriangleFilled,
  IconCheck,
  IconChevronDown,
  IconCircleXFilled,
  IconDeviceDesktop,
  IconMoon,
  IconRefresh,
  IconSearch,
  IconSun,
} from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { toAppError } from "../ipc";
import type { AppError, ConnectionView, OwnerView, ThemePreference } from "../ipc";
import { HealthIcon } from "../components/HealthIcon";
import { OwnerTypeBadge, OwnerTypeIcon } from "../components/OwnerType";
import { SandboxBadge } from "../components/SandboxBadge";
import { groupOwners } from "../lib/format";
import { iconProps } from "../lib/icons";
import { isApplePlatform, quickSwitcherKeys } from "../lib/platform";
import { useAppState } from "../state/AppState";
import { UNKNOWN_HEALTH } from "../state/health";
import classes from "./OwnerBar.module.css";

export const NO_OWNER_NOTE = "Nothing is pulled or written until you choose an owner";

function isSandbox(connection: ConnectionView): boolean {
  return connection.deployment === "localSandbox";
}

/** True when the bar shows the amber "choose an owner" strip under it. */
export function needsOwnerNote(connection: ConnectionView | null): boolean {
  return connection !== null && !isSandbox(connection) && connection.owner === null;
}

function ConnectionPill({ connection }: { connection: ConnectionView | null }) {
  const { snapshot, health, selectConnection } = useAppState();
  const [switchError, setSwitchError] = useState<AppError | null>(null);
  const connections = snapshot?.connections ?? [];
  const current = connection === null ? UNKNOWN_HEALTH : (health[connection.id] ?? UNKNOWN_HEALTH);
  const nameIsBadge =
    connection !== null && isSandbox(connection) && connection.name.trim().toLowerCase() === "local sandbox";

  return (
    <div className={classes.pill} data-testid="connection-pill">
      {connection !== null && (
        <Tooltip label={`${current.label}. ${current.detail}`} events={{ hover: true, focus: true, touch: false }}>
          <span style={{ display: "inline-flex" }}>
            <HealthIcon health={current} />
          </span>
        </Tooltip>
      )}
      <Menu position="bottom-start" width={300} shadow="md">
        <Menu.Target>
          <UnstyledButton
            className={classes.pillButton}
            aria-label={connection === null ? "Connection: none chosen" : `Connection: ${connection.name}`}
          >
            {connection === null ? (
              <Text size="sm" c="dimmed" fw={500}>
                No connection chosen
              </Text>
            ) : nameIsBadge ? (
              <SandboxBadge size="md" />
            ) : (
              <>
                <span className="tcb-truncate">{connection.name}</span>
                {isSandbox(connection) && <SandboxBadge />}
              </>
            )}
            <IconChevronDown {...iconProps(14)} style={{ ...iconProps(14).style, opacity: 0.6 }} />
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Switch connection</Menu.Label>
          {connections.map((c) => (
            <Menu.Item
              key={c.id}
              leftSection={
                c.id === connection?.id ? (
                  <IconCheck {...iconProps(14, 2.25)} />
                ) : (
                  <span style={{ width: 14, display: "inline-block" }} />
                )
              }
              rightSection={isSandbox(c) ? <SandboxBadge size="xs" /> : undefined}
              onClick={() => {
                if (c.id === connection?.id) return;
                setSwitchError(null);
                selectConnection(c.id).catch((caught: unknown) => {
                  setSwitchError(toAppError(caught));
                });
              }}
            >
              {c.name}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {switchError !== null && (
        <Tooltip label={switchError.hint ?? switchError.message}>
          <span role="img" aria-label={`Could not switch connection: ${switchError.message}`} style={{ color: "var(--tcb-danger)", display: "inline-flex" }}>
            <IconCircleXFilled {...iconProps(16)} />
          </span>
        </Tooltip>
      )}
    </div>
  );
}

function ownerData(owners: readonly OwnerView[]): ComboboxItemGroup<ComboboxItem>[] {
  return groupOwners(owners).map((group) => ({
    group: group.ownerType,
    items: group.owners.map((owner) => ({ value: owner.id, label: owner.name })),
  }));
}

function OwnerPicker({ connection }: { connection: ConnectionView | null }) {
  const { owners, refreshOwners, selectOwner } = useAppState();
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const connectionId = connection?.id ?? null;
  const entry = connectionId === null ? undefined : owners[connectionId];

  // Load owners the first time a connection is shown (the refresh button reloads them).
  useEffect(() => {
    if (connectionId !== null && entry === undefined) void refreshOwners(connectionId);
  }, [connectionId, entry, refreshOwners]);

  const chosen = connection?.owner ?? null;
  const list = useMemo(() => {
    const loaded = entry?.owners ?? [];
    // Keep the chosen owner selectable while the list loads or if it has gone away.
    if (chosen !== null && !loaded.some((o) => o.id === chosen.id)) return [...loaded, chosen];
    return loaded;
  }, [entry, chosen]);
  const byId = useMemo(() => new Map(list.map((o) => [o.id, o])), [list]);
  const loading = entry === undefined || entry.status === "loading";
  const loadError = entry?.status === "error" ? entry.error : null;
  const chosenMissing =
    chosen !== null && entry?.status === "ready" && !entry.owners.some((o) => o.id === chosen.id);

  const placeholder =
    connection === null ? "Choose a connection first" : loading && list.length === 0 ? "Loading owners…" : "Choose an owner";

  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }} className={needsOwnerNote(connection) ? classes.needsOwner : undefined}>
      <Text className={`${classes.ownerLabel} ${classes.compactHide}`} component="span" aria-hidden>
        Owner
      </Text>
      <Select
        aria-label="Owner"
        data-testid="owner-select"
        placeholder={placeholder}
        data={ownerData(list)}
        value={chosen?.id ?? null}
        allowDeselect={false}
        searchable
        nothingFoundMessage="No owner by that name"
        disabled={connection === null}
        className={classes.ownerSelect}
        maxDropdownHeight={360}
        comboboxProps={{ width: 320, position: "bottom-start", shadow: "md" }}
        leftSection={chosen !== null ? <OwnerTypeIcon ownerType={chosen.ownerType} /> : undefined}
        renderOption={({ option, checked }) => {
          const owner = byId.get(option.value);
          return (
            <Group justify="space-between" wrap="nowrap" w="100%" gap="sm">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                {checked === true ? (
                  <IconCheck {...iconProps(14, 2.25)} />
                ) : (
                  <span style={{ width: 14, flexShrink: 0 }} />
                )}
                <span className="tcb-truncate">{option.label}</span>
              </Group>
              {owner !== undefined && <OwnerTypeBadge ownerType={owner.ownerType} />}
            </Group>
          );
        }}
        onChange={(value) => {
          if (connection === null || value === null) return;
          const owner = byId.get(value);
          if (owner === undefined) return;
          setSaveError(null);
          selectOwner(connection.id, { id: owner.id, name: owner.name, ownerType: owner.ownerType }).catch(
            (caught: unknown) => {
              setSaveError(toAppError(caught));
            },
          );
        }}
      />
      <Tooltip label="Refresh owners from ThreatConnect">
        <ActionIcon
          aria-label="Refresh owners"
          size={34}
          variant="default"
          loading={connection !== null && loading}
          disabled={connection === null}
          onClick={() => {
            if (connectionId !== null) void refreshOwners(connectionId);
          }}
        >
          <IconRefresh {...iconProps(16)} />
        </ActionIcon>
      </Tooltip>
      {loadError !== null && (
        <InlineProblem
          text="Owners could not be loaded"
          error={loadError}
          testId="owners-error"
        />
      )}
      {saveError !== null && <InlineProblem text="Owner not saved" error={saveError} testId="owner-save-error" />}
      {chosenMissing && (
        <Tooltip label="ThreatConnect no longer lists this owner for the API user. Choose another owner.">
          <Badge color="yellow" variant="light" tt="none" leftSection={<IconAlertTriangleFilled {...iconProps(12)} />}>
            Owner no longer listed
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** A compact error for the owner bar: a red icon and a few words, with the full message on hover. */
function InlineProblem({ text, error, testId }: { text: string; error: AppError; testId: string }) {
  const full = error.hint === null ? error.message : `${error.message} ${error.hint}`;
  return (
    <Tooltip label={full} events={{ hover: true, focus: true, touch: false }}>
      <Group gap={6} wrap="nowrap" tabIndex={0} role="alert" aria-label={`${text}. ${full}`} data-testid={testId} style={{ borderRadius: 4 }}>
        <IconCircleXFilled {...iconProps(16)} style={{ ...iconProps(16).style, color: "var(--tcb-danger)" }} />
        <Text size="sm" c="var(--tcb-danger)" fw={500} className="tcb-truncate" maw={200}>
          {text}
        </Text>
      </Group>
    </Tooltip>
  );
}

const THEME_OPTIONS: { value: ThemePreference; label: string; icon: typeof IconSun }[] = [
  { value: "system", label: "Follow system theme", icon: IconDeviceDesktop },
  { value: "light", label: "Light theme", icon: IconSun },
  { value: "dark", label: "Dark theme", icon: IconMoon },
];

function Preferences() {
  const { snapshot, updateSettings } = useAppState();
  const settings = snapshot?.settings;
  return (
    <Group gap="md" wrap="nowrap">
      <SegmentedControl
        aria-label="Theme"
        data-testid="theme-switch"
        size="xs"
        radius="md"
        value={settings?.theme ?? "system"}
        disabled={settings === undefined}
        onChange={(value) => void updateSettings({ theme: value })}
        data={THEME_OPTIONS.map((option) => {
          const OptionIcon = option.icon;
          return {
            value: option.value,
            label: (
              <Tooltip label={option.label} events={{ hover: true, focus: false, touch: false }}>
                <span style={{ display: "inline-flex", padding: "2px 2px" }}>
                  <OptionIcon {...iconProps(15)} />
                  <VisuallyHidden>{option.label}</VisuallyHidden>
                </span>
              </Tooltip>
            ),
          };
        })}
      />
      <Tooltip label="Makes everything larger for a projector or a shared screen" events={{ hover: true, focus: true, touch: false }}>
        <div>
          <Switch
            label="Workshop view"
            data-testid="workshop-toggle"
            checked={settings?.workshopMode ?? false}
            disabled={settings === undefined}
            onChange={(event) => void updateSettings({ workshopMode: event.currentTarget.checked })}
            classNames={{ label: classes.compactLabel }}
            styles={{ label: { fontWeight: 500, whiteSpace: "nowrap" } }}
          />
        </div>
      </Tooltip>
    </Group>
  );
}

/**
 * The way to the quick switcher for those who do not know the shortcut: a key cap that opens
 * it. With less room it drops its magnifier; in the tightest bar (workshop view in a window
 * of the minimum size) it gives way to the owner picker, and the shortcut still works.
 */
function QuickSwitcherHint({ onOpen }: { onOpen: () => void }) {
  return (
    <Tooltip label="Quick switcher: screens, connections, owners and actions" events={{ hover: true, focus: true, touch: false }}>
      <UnstyledButton
        className={`${classes.switcherHint} ${classes.tightHide}`}
        aria-label="Open quick switcher"
        aria-keyshortcuts={isApplePlatform() ? "Meta+K" : "Control+K"}
        data-testid="quick-switcher-hint"
        onClick={onOpen}
      >
        <span className={`${classes.switcherIcon} ${classes.compactHide}`}>
          <IconSearch {...iconProps(14)} />
        </span>
        <kbd className={classes.switcherKeys}>{quickSwitcherKeys()}</kbd>
      </UnstyledButton>
    </Tooltip>
  );
}

/** The owner bar: which connection and owner everything on screen reads from and writes to. */
export function OwnerBar({ onOpenQuickSwitcher }: { onOpenQuickSwitcher: () => void }) {
  const { selectedConnection } = useAppState();
  return (
    <>
      <div className={classes.bar}>
        <ConnectionPill connection={selectedConnection} />
        <div className={classes.divider} />
        <OwnerPicker connection={selectedConnection} />
        <div style={{ flex: 1 }} />
        <QuickSwitcherHint onOpen={onOpenQuickSwitcher} />
        <Preferences />
      </div>
      {needsOwnerNote(selectedConnection) && (
        <div className={classes.strip} data-testid="no-owner-note" role="status">
          <IconAlertTriangleFilled {...iconProps(15)} style={{ ...iconProps(15).style, color: "var(--tcb-warn)" }} />
          <Text size="sm" fw={500} style={{ flexShrink: 0 }}>
            {NO_OWNER_NOTE}.
          </Text>
          <Text size="sm" c="dimmed" className="tcb-truncate">
            TC Bridge never falls back to a default owner.
          </Text>
        </div>
      )}
    </>
  );
}
