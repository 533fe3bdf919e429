import { Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { IconAlertTriangleFilled, IconCircleXFilled, IconInfoCircle } from "@tabler/icons-react";
import { iconProps } from "../lib/icons";

type Tone = "info" | "warning" | "danger";

interface NoteProps {
  tone: Tone;
  children: ReactNode;
  /** A bordered box instead of a plain line. */
  boxed?: boolean;
  "data-testid"?: string;
}

const ICONS = {
  info: IconInfoCircle,
  warning: IconAlertTriangleFilled,
  danger: IconCircleXFilled,
} as const;

const COLORS: Record<Tone, string> = {
  info: "var(--mantine-color-dimmed)",
  warning: "var(--tcb-warn)",
  danger: "var(--tcb-danger)",
};

/** A short note with an icon: amber for "be aware", red for "this is risky". Never colour alone. */
export function Note({ tone, children, boxed = false, ...rest }: NoteProps) {
  const Icon = ICONS[tone];
  const box =
    boxed && tone !== "info"
      ? {
          padding: "var(--mantine-spacing-xs) var(--mantine-spacing-sm)",
          borderRadius: "var(--mantine-radius-md)",
          background: tone === "warning" ? "var(--tcb-warn-bg)" : "var(--tcb-danger-bg)",
          border: `1px solid ${tone === "warning" ? "var(--tcb-warn-border)" : "var(--tcb-danger-border)"}`,
        }
      : undefined;
  return (
    <Group gap={8} wrap="nowrap" align="flex-start" style={box} data-tone={tone} data-testid={rest["data-testid"]}>
      <Icon {...iconProps(16)} style={{ ...iconProps(16).style, color: COLORS[tone], marginTop: 2 }} />
      <Text size="sm" c={tone === "info" ? "dimmed" : undefined} style={{ minWidth: 0 }}>
        {children}
      </Text>
    </Group>
  );
}
