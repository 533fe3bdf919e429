import { Box } from "@mantine/core";
import {
  IconAlertTriangleFilled,
  IconCircleCheckFilled,
  IconCircleDashed,
  IconCircleXFilled,
} from "@tabler/icons-react";
import type { ConnectionHealth, HealthStatus } from "../state/health";
import { iconProps } from "../lib/icons";

const ICONS = {
  ok: IconCircleCheckFilled,
  warning: IconAlertTriangleFilled,
  error: IconCircleXFilled,
  unknown: IconCircleDashed,
} as const;

const COLORS: Record<HealthStatus, string> = {
  ok: "var(--tcb-ok)",
  warning: "var(--tcb-warn)",
  error: "var(--tcb-danger)",
  unknown: "var(--tcb-unknown)",
};

/**
 * The health dot: colour and shape (check, triangle, cross, dashed ring) and an accessible
 * label, so the state never rests on colour alone.
 */
export function HealthIcon({ health, size = 15 }: { health: ConnectionHealth; size?: number }) {
  const Icon = ICONS[health.status];
  return (
    <Box
      component="span"
      role="img"
      aria-label={`Status: ${health.label}`}
      data-testid="health-dot"
      data-health={health.status}
      style={{ display: "inline-flex", color: COLORS[health.status], lineHeight: 0 }}
    >
      <Icon {...iconProps(size, 2)} />
    </Box>
  );
}
