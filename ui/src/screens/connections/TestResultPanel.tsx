import { ActionIcon, Badge, Box, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import {
  IconAlertTriangleFilled,
  IconCircleCheckFilled,
  IconCircleXFilled,
  IconX,
} from "@tabler/icons-react";
import type { AppError, ConnectionTestReport, SkewLevel } from "../../ipc";
import { AppErrorAlert } from "../../components/AppErrorAlert";
import { OwnerTypeIcon } from "../../components/OwnerType";
import { countOwners, describeSkew, formatLatency, groupOwners } from "../../lib/format";
import { iconProps } from "../../lib/icons";

export type TestState =
  | { status: "idle" }
  | { status: "running" }
  | { status: "ok"; report: ConnectionTestReport }
  | { status: "error"; error: AppError };

/** How many owner names to show per kind before "and N more". */
const OWNERS_SHOWN_PER_TYPE = 8;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text size="sm" c="dimmed" component="dt" style={{ paddingTop: 1 }}>
        {label}
      </Text>
      <Box component="dd" m={0} style={{ minWidth: 0 }}>
        {children}
      </Box>
    </>
  );
}

function StatusIcon({ tone }: { tone: "ok" | "warning" | "error" }) {
  const Icon =
    tone === "ok" ? IconCircleCheckFilled : tone === "warning" ? IconAlertTriangleFilled : IconCircleXFilled;
  const color = tone === "ok" ? "var(--tcb-ok)" : tone === "warning" ? "var(--tcb-warn)" : "var(--tcb-danger)";
  return <Icon {...iconProps(16)} style={{ ...iconProps(16).style, color, marginTop: 2 }} />;
}

function skewTone(level: SkewLevel): "ok" | "warning" | "error" {
  return level === "ok" ? "ok" : level === "warning" ? "warning" : "error";
}

function SuccessBody({ report }: { report: ConnectionTestReport }) {
  const groups = groupOwners(report.owners);
  const tone = skewTone(report.skewLevel);
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: "grid", gridTemplateColumns: "minmax(6.5rem, auto) 1fr", columnGap: "1rem", rowGap: "0.75rem" }}
    >
      <Row label="API user">
        <Text size="sm" fw={600} component="span">
          {report.user.displayName}
        </Text>
        <Text size="sm" c="dimmed" component="span">
          {" · "}
          <span className="tcb-mono">{report.user.userName}</span>
          {report.user.role !== null && ` · ${report.user.role}`}
        </Text>
      </Row>
      <Row label="Owners">
        <Text size="sm" fw={500} data-testid="test-owner-count">
          {countOwners(report.owners.length)} visible to this API user
        </Text>
        {groups.length > 0 && (
          <Stack gap={6} mt={6}>
            {groups.map((group) => (
              <Group key={group.ownerType} gap={6} wrap="wrap" align="center" data-owner-group={group.ownerType}>
                <Group gap={4} wrap="nowrap" w="7.5rem" c="dimmed">
                  <OwnerTypeIcon ownerType={group.ownerType} size={14} />
                  <Text size="xs" fw={600} c="dimmed" component="span">
                    {group.ownerType}
                  </Text>
                </Group>
                {group.owners.slice(0, OWNERS_SHOWN_PER_TYPE).map((owner) => (
                  <Badge key={owner.id} variant="default" tt="none" fw={500} size="md" radius="sm">
                    {owner.name}
                  </Badge>
                ))}
                {group.owners.length > OWNERS_SHOWN_PER_TYPE && (
                  <Text size="xs" c="dimmed" component="span">
                    and {group.owners.length - OWNERS_SHOWN_PER_TYPE} more
                  </Text>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Row>
      <Row label="Response time">
        <Text size="sm" data-testid="test-latency">
          {formatLatency(report.latencyMs)}
        </Text>
      </Row>
      <Row label="Clock">
        <Group gap={6} wrap="nowrap" align="flex-start" data-testid="test-skew" data-skew-level={report.skewLevel}>
          <StatusIcon tone={tone} />
          <Text size="sm" c={tone === "ok" ? undefined : tone === "warning" ? "var(--tcb-warn)" : "var(--tcb-danger)"} fw={tone === "ok" ? undefined : 500}>
            {describeSkew(report.clockSkewSeconds, report.skewLevel, report.skewMessage)}
          </Text>
        </Group>
      </Row>
      <Row label="Signing">
        <Group gap={6} wrap="nowrap" align="flex-start" data-testid="test-signing">
          <StatusIcon tone={report.signingSelfTestPassed ? "ok" : "error"} />
          <div>
            <Text size="sm" fw={500}>
              {report.signingSelfTestPassed ? "Signing self-test passed" : "Signing self-test failed"}
            </Text>
            <Text size="xs" c="dimmed">
              {report.signingSelfTestPassed
                ? "TC Bridge signed ThreatConnect's published example request and got the expected signature, so its requests are signed the way ThreatConnect checks them."
                : "TC Bridge did not reproduce ThreatConnect's published example signature, so ThreatConnect may refuse its requests. Install TC Bridge again or contact support."}
            </Text>
          </div>
        </Group>
      </Row>
    </Box>
  );
}

interface TestResultPanelProps {
  state: TestState;
  onRetry: () => void;
  /** Shows a close button (used under a connection row). */
  onDismiss?: () => void;
}

/** The outcome of "Test connection": who you are, what you can see, latency, clock, signing. */
export function TestResultPanel({ state, onRetry, onDismiss }: TestResultPanelProps) {
  if (state.status === "idle") return null;

  if (state.status === "running") {
    return (
      <Paper withBorder p="md" data-testid="test-result-loading" aria-busy="true" aria-label="Testing the connection">
        <Stack gap="sm">
          <Skeleton height={14} width="45%" />
          <Skeleton height={10} width="80%" />
          <Skeleton height={10} width="65%" />
          <Skeleton height={10} width="72%" />
        </Stack>
      </Paper>
    );
  }

  if (state.status === "error") {
    return (
      <div data-testid="test-result" data-state="error">
        <AppErrorAlert error={state.error} onRetry={onRetry} />
      </div>
    );
  }

  const { report } = state;
  const warning = report.skewLevel !== "ok" || !report.signingSelfTestPassed;
  return (
    <Paper withBorder p="md" data-testid="test-result" data-state="ok" role="region" aria-label="Connection test result">
      <Group justify="space-between" wrap="nowrap" mb="sm" align="flex-start">
        <Group gap={8} wrap="nowrap">
          <StatusIcon tone={warning ? "warning" : "ok"} />
          <Text fw={600} size="sm">
            {warning ? "Connected, with a warning" : "Connection works"}
            <Text span c="dimmed" fw={400} size="sm">
              {" — signed in as "}
              {report.user.displayName}
            </Text>
          </Text>
        </Group>
        {onDismiss !== undefined && (
          <ActionIcon size="sm" aria-label="Hide test result" onClick={onDismiss}>
            <IconX {...iconProps(14)} />
          </ActionIcon>
        )}
      </Group>
      <SuccessBody report={report} />
    </Paper>
  );
}
