import { Badge } from "@mantine/core";
import { IconFlask } from "@tabler/icons-react";
import { iconProps } from "../lib/icons";

/** Marks the Local sandbox everywhere it appears, so screenshots never look like customer data. */
export function SandboxBadge({ size = "sm" }: { size?: "xs" | "sm" | "md" }) {
  return (
    <Badge
      color="teal"
      variant="light"
      size={size}
      tt="none"
      leftSection={<IconFlask {...iconProps(12, 2)} />}
      data-testid="sandbox-badge"
    >
      Local sandbox
    </Badge>
  );
}
