import { ActionIcon, Badge, Button, Group, Stack, Text, Tooltip } from "@mantine/core";
import {
  IconCheck,
  IconCircleCheckFilled,
  IconCircle,
  IconKey,
  IconLock,
  IconPencil,
  IconPlugConnected,
  IconShieldLock,
  IconTrash,
} from "@tabler/icons-react";
import type { AppError, ConnectionView, DeploymentInfo, KeychainInfo } from "../../ipc";
import { AppErrorAlert } from "../../components/AppErrorAlert";
import { OwnerTypeIcon } from "../../components/OwnerType";
import { SandboxBadge } from "../../components/SandboxBadge";
import { iconProps } from "../../lib/icons";
import { AUTH_LABELS, deploymentInfo } from "./connectionForm";
import { TestResultPanel } from "./TestResultPanel";
import type { TestState } from "./TestResultPanel";
import classes from "./ConnectionsScreen.module.css";

/** Where a saved connection's secret is, in words. */
export function secretWhere(connection: ConnectionView, keychain: KeychainInfo): string {
  if (connection.builtIn) return "Credentials come with the sandbox";
  switch (connection.secretStorage) {
    case "keychain":
      return `Secret kept in ${keychain.name}`;
    case "session":
      return "Secret kept for this session only";
    case "none":
      return "No secret saved";
  }
}

interface ConnectionRowProps {
  connection: ConnectionView;
  selected: boolean;
  deployments: readonly DeploymentInfo[];
  keychain: KeychainInfo;
  test: TestState;
  useError: AppError | null;
  using: boolean;
  onUse: () => void;
  onTest: () => void;
  onDismissTest: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** One connection profile in the list. */
export function ConnectionRow(props: ConnectionRowProps) {
  const { connection, selected, deployments, keychain, test } = props;
  const deployment = deploymentInfo(deployments, connection.deployment);
  const sandbox = connection.deployment === "localSandbox";

  return (
    <div
      className={classes.row}
      data-testid="connection-row"
      data-connection-id={connection.id}
      data-selected={selected}
      role="group"
      aria-label={connection.name}
      aria-current={selected ? "true" : undefined}
    >
      <div className={classes.rowMain}>
        <div className={classes.rowInfo}>
        <span className={classes.marker} aria-hidden>
          {selected ? <IconCircleCheckFilled {...iconProps(18)} /> : <IconCircle {...iconProps(18, 1.5)} />}
        </span>

        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={8} wrap="wrap" style={{ minWidth: 0, rowGap: 4 }}>
            <Text fw={600} size="md" className="tcb-truncate" data-testid="connection-name" maw="100%">
              {connection.name}
            </Text>
            {sandbox ? (
              <SandboxBadge />
            ) : (
              <Badge variant="default" size="sm" tt="none" fw={500} c="dimmed">
                {deployment?.label ?? connection.deployment}
              </Badge>
            )}
            {connection.builtIn && (
              <Tooltip label="Comes with TC Bridge: it cannot be edited or deleted">
                <Badge
                  variant="default"
                  size="sm"
                  tt="none"
                  fw={500}
                  c="dimmed"
                  leftSection={<IconLock {...iconProps(11, 2)} />}
                  data-testid="built-in-badge"
                >
                  Built in
                </Badge>
              </Tooltip>
            )}
            {selected && (
              <Badge size="sm" tt="none" variant="light" leftSection={<IconCheck {...iconProps(11, 2.5)} />}>
                In use
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" className="tcb-truncate">
            <span className="tcb-mono">{connection.baseUrl}</span>
          </Text>
          <Group gap={14} wrap="wrap" mt={2} style={{ rowGap: 4 }}>
            <Group gap={5} wrap="nowrap" c="dimmed">
              <IconKey {...iconProps(14)} />
              <Text size="xs" c="dimmed">
                {AUTH_LABELS[connection.authMethod]}
                {connection.authMethod === "hmac" && connection.accessId !== null && (
                  <>
                    {" · "}
                    <span className="tcb-mono">{connection.accessId}</span>
                  </>
                )}
              </Text>
            </Group>
            <Group gap={5} wrap="nowrap" c="dimmed">
              <IconShieldLock {...iconProps(14)} />
              <Text size="xs" c="dimmed" data-testid="secret-storage">
                {secretWhere(connection, keychain)}
              </Text>
            </Group>
          </Group>
        </Stack>
        </div>

        <div className={classes.ownerCell} data-testid="connection-owner">
          <Text size="xs" c="dimmed" fw={600} className={classes.caps}>
            Owner
          </Text>
          {connection.owner !== null ? (
            <Group gap={5} wrap="nowrap" style={{ minWidth: 0 }}>
              <OwnerTypeIcon ownerType={connection.owner.ownerType} size={14} />
              <Text size="sm" className="tcb-truncate">
                {connection.owner.name}
              </Text>
            </Group>
          ) : (
            <Text size="sm" c={sandbox ? "dimmed" : "var(--tcb-warn)"} fw={sandbox ? undefined : 500}>
              Not chosen yet
            </Text>
          )}
        </div>

        <Group gap={6} wrap="nowrap" className={classes.actions}>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlugConnected {...iconProps(14)} />}
            onClick={props.onTest}
            loading={test.status === "running"}
            aria-label={`Test ${connection.name}`}
          >
            Test
          </Button>
          {selected ? null : (
            <Button variant="light" size="xs" onClick={props.onUse} loading={props.using} aria-label={`Use ${connection.name}`}>
              Use
            </Button>
          )}
          {!connection.builtIn && (
            <>
              <Tooltip label="Edit">
                <ActionIcon aria-label={`Edit ${connection.name}`} onClick={props.onEdit} size={30}>
                  <IconPencil {...iconProps(16)} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Delete">
                <ActionIcon
                  aria-label={`Delete ${connection.name}`}
                  onClick={props.onDelete}
                  size={30}
                  className={classes.danger}
                >
                  <IconTrash {...iconProps(16)} />
                </ActionIcon>
              </Tooltip>
            </>
          )}
        </Group>
      </div>

      {props.useError !== null && (
        <div className={classes.rowExtra}>
          <AppErrorAlert error={props.useError} title="This connection could not be chosen" onRetry={props.onUse} />
        </div>
      )}
      {test.status !== "idle" && (
        <div className={classes.rowExtra}>
          <TestResultPanel state={test} onRetry={props.onTest} onDismiss={props.onDismissTest} />
        </div>
      )}
    </div>
  );
}
