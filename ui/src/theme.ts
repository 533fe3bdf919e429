/**
 * The one look of TC Bridge: one accent colour (a calm indigo), Inter for text, JetBrains
 * Mono for indicator-like values, and contrast that meets WCAG AA in both schemes.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Drawer,
  Modal,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  Switch,
  TextInput,
  Tooltip,
  createTheme,
} from "@mantine/core";
import type { CSSVariablesResolver, MantineColorsTuple } from "@mantine/core";

/** Accent. Shade 6 carries white text at 5.5 : 1. */
const brand: MantineColorsTuple = [
  "#eef0fd",
  "#dde1fa",
  "#bac2f4",
  "#949fee",
  "#7b86e8",
  "#6370df",
  "#4f5bd5",
  "#414bbd",
  "#363f9c",
  "#2b3279",
];

/** Cool near-black greys for the dark scheme (body is shade 7). */
const dark: MantineColorsTuple = [
  "#e4e5e9",
  "#c3c5cc",
  "#9a9da6",
  "#6f727b",
  "#34363d",
  "#2a2c32",
  "#212227",
  "#18191d",
  "#131417",
  "#0e0f11",
];

/** UX.md: labels above fields, short help under them, then the error. */
const HELP_UNDER_FIELD: ("label" | "input" | "description" | "error")[] = ["label", "input", "description", "error"];

export const theme = createTheme({
  primaryColor: "brand",
  primaryShade: { light: 6, dark: 6 },
  colors: { brand, dark },
  fontFamily:
    "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace:
    "'JetBrains Mono Variable', 'JetBrains Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
  headings: {
    fontFamily:
      "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    fontWeight: "600",
  },
  fontSizes: {
    xs: "0.75rem",
    sm: "0.8125rem",
    md: "0.875rem",
    lg: "1rem",
    xl: "1.125rem",
  },
  lineHeights: { xs: "1.4", sm: "1.45", md: "1.5", lg: "1.5", xl: "1.5" },
  defaultRadius: "md",
  radius: { xs: "0.25rem", sm: "0.375rem", md: "0.5rem", lg: "0.75rem", xl: "1rem" },
  cursorType: "pointer",
  focusRing: "auto",
  fontSmoothing: true,
  components: {
    ActionIcon: ActionIcon.extend({ defaultProps: { variant: "subtle", color: "gray" } }),
    Alert: Alert.extend({ defaultProps: { variant: "light" } }),
    Badge: Badge.extend({ defaultProps: { radius: "sm", fw: 600 } }),
    Button: Button.extend({ defaultProps: { size: "sm" } }),
    Drawer: Drawer.extend({ defaultProps: { overlayProps: { backgroundOpacity: 0.35, blur: 1 } } }),
    Modal: Modal.extend({ defaultProps: { centered: true, overlayProps: { backgroundOpacity: 0.35, blur: 1 } } }),
    Paper: Paper.extend({ defaultProps: { radius: "md" } }),
    PasswordInput: PasswordInput.extend({ defaultProps: { size: "sm", inputWrapperOrder: HELP_UNDER_FIELD } }),
    SegmentedControl: SegmentedControl.extend({ defaultProps: { size: "sm" } }),
    Select: Select.extend({ defaultProps: { size: "sm", inputWrapperOrder: HELP_UNDER_FIELD } }),
    Switch: Switch.extend({ defaultProps: { size: "sm" } }),
    TextInput: TextInput.extend({ defaultProps: { size: "sm", inputWrapperOrder: HELP_UNDER_FIELD } }),
    Tooltip: Tooltip.extend({ defaultProps: { openDelay: 250, withArrow: true, multiline: true, maw: 280 } }),
  },
});

/** Darker dimmed and placeholder text than Mantine's defaults, so both pass WCAG AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "#5c636c",
    "--mantine-color-placeholder": "#6b727b",
    "--mantine-color-default-border": "var(--mantine-color-gray-3)",
  },
  dark: {
    "--mantine-color-dimmed": "#9a9da6",
    "--mantine-color-placeholder": "#8a8d96",
    "--mantine-color-body": "var(--mantine-color-dark-7)",
  },
});
