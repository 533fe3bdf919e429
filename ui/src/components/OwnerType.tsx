import { Badge } from "@mantine/core";
import { IconBuilding, IconRss, IconUser, IconUsersGroup } from "@tabler/icons-react";
import type { OwnerType } from "../ipc";
import { iconProps } from "../lib/icons";

export function OwnerTypeIcon({ ownerType, size = 15 }: { ownerType: OwnerType; size?: number }) {
  switch (ownerType) {
    case "Organization":
      return <IconBuilding {...iconProps(size)} />;
    case "Community":
      return <IconUsersGroup {...iconProps(size)} />;
    case "Source":
      return <IconRss {...iconProps(size)} />;
    default:
      return <IconUser {...iconProps(size)} />;
  }
}

/** The owner's kind, as a small grey badge with its icon. */
export function OwnerTypeBadge({ ownerType }: { ownerType: OwnerType }) {
  return (
    <Badge
      variant="default"
      size="sm"
      tt="none"
      fw={500}
      c="dimmed"
      leftSection={<OwnerTypeIcon ownerType={ownerType} size={12} />}
      data-testid="owner-type-badge"
    >
      {ownerType}
    </Badge>
  );
}
