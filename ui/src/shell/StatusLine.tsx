import { Group, Text, Tooltip } from "@mantine/core";
import { IconClock, IconFlask, IconHistory, IconBolt } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { describeSkewShort, formatLatency } from "../lib/format";
import { iconProps } from "../lib/icons";
import { useAppState } from "../state/AppState";
import classes from "./StatusLine.module.css";

function Item({
  icon,
  children,
  tooltip,
  testId,
  shrink = 0,
}: {
  icon: ReactNode;
  children: ReactNode;
  tooltip?: string;
  testId?: string;
  /** How readily this item gives up width (the long sandbox address first). */
  shrink?: number;
}) {
  const content = (
    <Group
      gap={5}
      wrap="nowrap"
      style={{ minWidth: shrink > 0 ? "11rem" : 0, flexShrink: shrink }}
      data-testid={testId}
    >
      <span style={{ display: "inline-flex", color: "var(--mantine-color-dimmed)" }}>{icon}</span>
      <Text size="xs" c="dimmed" className="tcb-truncate" component="span">
        {children}
      </Text>
    </Group>
  );
  return tooltip === undefined ? content : <Tooltip label={tooltip}>{content}</Tooltip>;
}

function Separator() {
  return (
    <Text size="xs" c="dimmed" aria-hidden component="span" style={{ opacity: 0.5 }}>
      ·
    </Text>
  );
}

/** The bottom status line: sandbox, last request latency, clock skew, last pull. */
export function StatusLine() {
  const { snapshot, snapshotError, lastCall } = useAppState();
  const sandbox = snapshot?.sandbox ?? null;

  let sandboxWords = snapshotError === null ? "Sandbox: checking…" : "Sandbox: unknown";
  let sandboxText: ReactNode = sandboxWords;
  if (sandbox !== null) {
    if (sandbox.running) {
      const address = sandbox.baseUrl ?? "an unknown address";
      sandboxWords = `Sandbox running at ${address}`;
      sandboxText = (
        <>
          Sandbox running at <span className="tcb-mono">{address}</span>
        </>
      );
    } else {
      sandboxWords = `Sandbox not running: ${sandbox.error ?? "no reason given"}`;
      sandboxText = sandboxWords;
    }
  }

  return (
    <Group
      data-testid="status-line"
      gap={10}
      wrap="nowrap"
      h="100%"
      px="md"
      className={classes.line}
    >
      <Item
        icon={
          <IconFlask
            {...iconProps(13)}
            style={{
              ...iconProps(13).style,
              color: sandbox === null ? undefined : sandbox.running ? "var(--tcb-ok)" : "var(--tcb-danger)",
            }}
          />
        }
        testId="status-sandbox"
        shrink={1}
        tooltip={sandboxWords}
      >
        {sandboxText}
      </Item>
      <Separator />
      <Item icon={<IconBolt {...iconProps(13)} />} testId="status-latency">
        {lastCall === null ? "Last request: none yet" : `Last request: ${formatLatency(lastCall.latencyMs)}`}
      </Item>
      <Separator />
      <Item icon={<IconClock {...iconProps(13)} />} testId="status-clock">
        {lastCall === null ? "Clock: not checked yet" : describeSkewShort(lastCall.clockSkewSeconds)}
      </Item>
      <Separator />
      <Item icon={<IconHistory {...iconProps(13)} />} testId="status-last-pull">
        Last pull: never
      </Item>
      <div className={classes.spacer} />
      {snapshot !== null && (
        <Text size="xs" c="dimmed" component="span" className={classes.version}>
          TC Bridge {snapshot.version}
        </Text>
      )}
    </Group>
  );
}
