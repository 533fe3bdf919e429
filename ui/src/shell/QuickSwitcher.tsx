/**
 * The quick switcher (Ctrl/⌘ K): one searchable list of screens, connections, the current
 * connection's owners and a few actions, used from the keyboard alone.
 *
 * It follows the ARIA combobox pattern with a listbox that is always shown: the focus stays in
 * the search field, the arrows move the highlighted option (aria-activedescendant), Enter
 * chooses it and Esc closes the switcher, returning the focus to where it was.
 */
import { Highlight, Kbd, Loader, Modal, VisuallyHidden, getDefaultZIndex } from "@mantine/core";
import {
  IconDeviceDesktop,
  IconMoon,
  IconPlugConnected,
  IconPlus,
  IconPresentation,
  IconSearch,
  IconSun,
} from "@tabler/icons-react";
import { useEffect, useId, useState } from "react";
import type { KeyboardEvent, MouseEvent, ReactNode } from "react";
import { toAppError } from "../ipc";
import type { AppError, ConnectionView, Deployment, OwnerView, ThemePreference } from "../ipc";
import { AppErrorAlert } from "../components/AppErrorAlert";
import { OwnerTypeBadge, OwnerTypeIcon } from "../components/OwnerType";
import { groupOwners } from "../lib/format";
import { iconProps } from "../lib/icons";
import { matchesAllTerms, searchTerms } from "../lib/search";
import { useAppState } from "../state/AppState";
import { LATER_NOTE, SCREENS } from "./NavRail";
import type { ScreenId } from "./NavRail";
import classes from "./QuickSwitcher.module.css";

export const QUICK_SWITCHER_NAME = "Quick switcher";
export const QUICK_SWITCHER_SEARCH = "Find a screen, connection, owner or action";

/** What choosing an option does: at once, or after a backend call that may fail. */
type Run = { kind: "now"; run: () => void } | { kind: "wait"; run: () => Promise<void>; failure: string };

interface Item {
  key: string;
  group: string;
  label: string;
  icon: ReactNode;
  /** Dimmed words after the label; read out as the option's description. */
  detail?: string;
  /** A small badge at the right ("In use", an owner's type); also read as description. */
  aside?: ReactNode;
  /** Further words the search looks at, not shown. */
  keywords?: readonly string[];
  disabled?: boolean;
  run: Run;
}

export interface QuickSwitcherProps {
  opened: boolean;
  onClose: () => void;
  screen: ScreenId;
  onNavigate: (screen: ScreenId) => void;
  onNewConnection: () => void;
  onTestConnection: () => void;
}

/** The quick switcher dialog. Its content mounts afresh each time it opens. */
export function QuickSwitcher(props: QuickSwitcherProps) {
  return (
    <Modal.Root
      opened={props.opened}
      onClose={props.onClose}
      size={620}
      yOffset="12dvh"
      padding={0}
      radius="lg"
      // Above the connection form and its questions, which may be open underneath.
      zIndex={getDefaultZIndex("modal") + 2}
      transitionProps={{ transition: "pop", duration: 120 }}
    >
      <Modal.Overlay backgroundOpacity={0.3} blur={1} />
      <Modal.Content aria-label={QUICK_SWITCHER_NAME} className={classes.content}>
        <SwitcherPanel {...props} />
      </Modal.Content>
    </Modal.Root>
  );
}

const THEME_ITEMS: { value: ThemePreference; label: string; icon: typeof IconSun }[] = [
  { value: "dark", label: "Switch to dark theme", icon: IconMoon },
  { value: "light", label: "Switch to light theme", icon: IconSun },
  { value: "system", label: "Follow the system theme", icon: IconDeviceDesktop },
];

function deploymentLabel(connection: ConnectionView, labels: ReadonlyMap<Deployment, string>): string {
  return labels.get(connection.deployment) ?? connection.deployment;
}

function SwitcherPanel({ onClose, screen, onNavigate, onNewConnection, onTestConnection }: QuickSwitcherProps) {
  const { snapshot, selectedConnection, owners, selectConnection, selectOwner, updateSettings } = useAppState();
  const [query, setQuery] = useState("");
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: AppError } | null>(null);
  const ids = useId();

  // ---- What can be chosen, in the order shown ----
  const items: Item[] = [];

  for (const entry of SCREENS) {
    const ScreenIcon = entry.icon;
    const current = entry.id === screen;
    items.push({
      key: `screen:${entry.id}`,
      group: "Screens",
      label: entry.label,
      icon: <ScreenIcon {...iconProps(16)} />,
      aside: current ? (
        <span className={classes.pill}>Current screen</span>
      ) : entry.available ? undefined : (
        <>
          <span className={classes.later} aria-hidden>
            Later
          </span>
          <VisuallyHidden>{LATER_NOTE}</VisuallyHidden>
        </>
      ),
      keywords: ["screen", "go to"],
      disabled: !entry.available,
      run: { kind: "now", run: () => onNavigate(entry.id) },
    });
  }

  const deploymentLabels = new Map((snapshot?.deployments ?? []).map((d) => [d.deployment, d.label]));
  for (const connection of snapshot?.connections ?? []) {
    const inUse = connection.id === selectedConnection?.id;
    const kind = deploymentLabel(connection, deploymentLabels);
    items.push({
      key: `connection:${connection.id}`,
      group: "Connections",
      label: `Use ${connection.name}`,
      icon: <IconPlugConnected {...iconProps(16)} />,
      detail: kind === connection.name ? undefined : kind,
      aside: inUse ? <span className={classes.pill}>In use</span> : undefined,
      keywords: ["connection", "switch", connection.baseUrl],
      run: inUse
        ? { kind: "now", run: () => undefined }
        : {
            kind: "wait",
            run: () => selectConnection(connection.id),
            failure: `${connection.name} could not be chosen`,
          },
    });
  }

  if (selectedConnection !== null) {
    const loaded = owners[selectedConnection.id]?.owners ?? [];
    const chosen = selectedConnection.owner;
    for (const group of groupOwners(loaded)) {
      for (const owner of group.owners) {
        const isChosen = chosen !== null && chosen.id === owner.id;
        const choice: OwnerView = { id: owner.id, name: owner.name, ownerType: owner.ownerType };
        const connectionId = selectedConnection.id;
        items.push({
          key: `owner:${owner.id}`,
          group: `Owners of ${selectedConnection.name}`,
          label: `Owner: ${owner.name}`,
          icon: <OwnerTypeIcon ownerType={owner.ownerType} size={16} />,
          detail: isChosen ? "Chosen" : undefined,
          aside: <OwnerTypeBadge ownerType={owner.ownerType} />,
          keywords: ["owner"],
          run: isChosen
            ? { kind: "now", run: () => undefined }
            : {
                kind: "wait",
                run: () => selectOwner(connectionId, choice),
                failure: `${owner.name} could not be chosen as the owner`,
              },
        });
      }
    }
  }

  if (snapshot !== null) {
    items.push({
      key: "action:new-connection",
      group: "Actions",
      label: "New connection",
      icon: <IconPlus {...iconProps(16)} />,
      keywords: ["add", "create", "profile"],
      run: { kind: "now", run: onNewConnection },
    });
    if (selectedConnection !== null) {
      items.push({
        key: "action:test-connection",
        group: "Actions",
        label: "Test connection",
        icon: <IconPlugConnected {...iconProps(16)} />,
        detail: selectedConnection.name,
        keywords: ["check", "health"],
        run: { kind: "now", run: onTestConnection },
      });
    }
    const settings = snapshot.settings;
    for (const option of THEME_ITEMS) {
      if (option.value === settings.theme) continue;
      const ThemeIcon = option.icon;
      items.push({
        key: `action:theme-${option.value}`,
        group: "Actions",
        label: option.label,
        icon: <ThemeIcon {...iconProps(16)} />,
        keywords: ["theme", "appearance", "colour", "color"],
        run: { kind: "now", run: () => void updateSettings({ theme: option.value }) },
      });
    }
    items.push({
      key: "action:workshop",
      group: "Actions",
      label: settings.workshopMode ? "Turn workshop view off" : "Turn workshop view on",
      icon: <IconPresentation {...iconProps(16)} />,
      keywords: ["larger", "projector", "shared screen", "zoom", "bigger"],
      run: { kind: "now", run: () => void updateSettings({ workshopMode: !settings.workshopMode }) },
    });
  }

  // ---- Filtering and the highlighted option ----
  const terms = searchTerms(query);
  const visible = items.filter((item) =>
    matchesAllTerms(terms, [item.label, item.group, item.detail ?? "", ...(item.keywords ?? [])]),
  );
  const active = visible.find((item) => item.key === activeKey) ?? visible.find((item) => item.disabled !== true) ?? null;
  const activeIndex = active === null ? -1 : visible.indexOf(active);
  const optionId = (index: number) => `${ids}-option-${index}`;
  const activeId = activeIndex === -1 ? undefined : optionId(activeIndex);

  useEffect(() => {
    if (activeId !== undefined) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  function move(step: number) {
    if (visible.length === 0) return;
    const from = activeIndex === -1 ? (step > 0 ? -1 : 0) : activeIndex;
    const next = visible[(from + step + visible.length) % visible.length];
    if (next !== undefined) setActiveKey(next.key);
  }

  async function choose(item: Item) {
    if (item.disabled === true || running !== null) return;
    setFailure(null);
    if (item.run.kind === "now") {
      onClose();
      item.run.run();
      return;
    }
    setRunning(item.key);
    try {
      await item.run.run();
      onClose();
    } catch (caught) {
      setFailure({ title: item.run.failure, error: toAppError(caught) });
      setRunning(null);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        move(1);
        break;
      case "ArrowUp":
        event.preventDefault();
        move(-1);
        break;
      case "Enter":
        event.preventDefault();
        if (active !== null) void choose(active);
        break;
      case "Escape":
        // Handled here rather than by Mantine's window-wide listener (the field opts out of it),
        // so Esc closes only the switcher and not a form open underneath.
        event.preventDefault();
        onClose();
        break;
    }
  }

  // Clicks anywhere in the switcher leave the focus in the search field.
  function keepFocus(event: MouseEvent) {
    if (!(event.target instanceof HTMLInputElement)) event.preventDefault();
  }

  let previousGroup: string | null = null;
  const groups: { name: string; items: { item: Item; index: number }[] }[] = [];
  visible.forEach((item, index) => {
    if (item.group !== previousGroup) groups.push({ name: item.group, items: [] });
    previousGroup = item.group;
    groups[groups.length - 1]?.items.push({ item, index });
  });

  const listId = `${ids}-list`;
  return (
    <div className={classes.panel} onMouseDown={keepFocus}>
      <div className={classes.searchRow}>
        <IconSearch {...iconProps(18)} className={classes.searchIcon} />
        <input
          className={classes.search}
          role="combobox"
          aria-label={QUICK_SWITCHER_SEARCH}
          aria-expanded
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          placeholder="Go to a screen, connection or owner, or run an action…"
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setActiveKey(null);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          // Mantine's dialogs ignore Esc pressed here: the switcher closes itself (see onKeyDown).
          data-mantine-stop-propagation="true"
        />
        <Kbd size="xs" className={classes.escKey} aria-hidden>
          Esc
        </Kbd>
      </div>

      {failure !== null && (
        <div className={classes.failure}>
          <AppErrorAlert error={failure.error} title={failure.title} data-testid="switcher-error" />
        </div>
      )}

      <div className={classes.list} role="listbox" id={listId} aria-label="Results" aria-busy={running !== null}>
        {groups.map((group) => {
          const headingId = `${ids}-group-${group.items[0]?.index ?? 0}`;
          return (
            <div role="group" aria-labelledby={headingId} key={group.name} className={classes.group}>
              <div id={headingId} className={`${classes.groupLabel} tcb-truncate`}>
                {group.name}
              </div>
              {group.items.map(({ item, index }) => (
                <Option
                  key={item.key}
                  id={optionId(index)}
                  item={item}
                  terms={terms}
                  active={item === active}
                  running={running === item.key}
                  onPoint={() => {
                    if (activeKey !== item.key) setActiveKey(item.key);
                  }}
                  onChoose={() => void choose(item)}
                />
              ))}
            </div>
          );
        })}
      </div>

      {visible.length === 0 && (
        <div className={classes.empty}>
          Nothing matches “{query.trim()}”. Try the name of a connection, an owner or a screen.
        </div>
      )}
      <VisuallyHidden role="status">
        {terms.length === 0 ? "" : visible.length === 1 ? "1 result" : `${visible.length} results`}
      </VisuallyHidden>

      <div className={classes.footer} aria-hidden>
        <span>
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to move
        </span>
        <span>
          <Kbd size="xs">Enter</Kbd> to choose
        </span>
        <span>
          <Kbd size="xs">Esc</Kbd> to close
        </span>
      </div>
    </div>
  );
}

interface OptionProps {
  id: string;
  item: Item;
  terms: string[];
  active: boolean;
  running: boolean;
  onPoint: () => void;
  onChoose: () => void;
}

function Option({ id, item, terms, active, running, onPoint, onChoose }: OptionProps) {
  const described = [item.detail === undefined ? null : `${id}-detail`, item.aside === undefined ? null : `${id}-aside`]
    .filter((part) => part !== null)
    .join(" ");
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      aria-disabled={item.disabled === true ? true : undefined}
      // The label itself, not the highlighted text (split into marks) nor the badges.
      aria-label={item.label}
      aria-describedby={described === "" ? undefined : described}
      data-active={active || undefined}
      className={classes.option}
      onMouseMove={onPoint}
      onClick={onChoose}
    >
      <span className={classes.optionIcon}>{item.icon}</span>
      <span className={classes.optionText}>
        <Highlight
          component="span"
          highlight={terms}
          className={`${classes.optionLabel} tcb-truncate`}
          highlightStyles={{ background: "transparent", color: "inherit", fontWeight: 700, padding: 0 }}
          size="sm"
        >
          {item.label}
        </Highlight>
        {item.detail !== undefined && (
          <span id={`${id}-detail`} className={`${classes.optionDetail} tcb-truncate`}>
            {item.detail}
          </span>
        )}
      </span>
      {item.aside !== undefined && (
        <span id={`${id}-aside`} className={classes.optionAside}>
          {item.aside}
        </span>
      )}
      {running && <Loader size={14} aria-label="Working…" />}
    </div>
  );
}
