import { rem } from "@mantine/core";

/**
 * Size props for a Tabler icon in rem, so icons grow with the rest of the UI in workshop
 * view (which scales the root font size). Icons are decorative: their meaning is always
 * in nearby text or an accessible name.
 */
export function iconProps(px: number, stroke = 1.75) {
  return {
    style: { width: rem(px), height: rem(px), flexShrink: 0 },
    stroke,
    "aria-hidden": true,
  } as const;
}
