import { MantineProvider } from "@mantine/core";
import { useColorScheme } from "@mantine/hooks";
import { Notifications } from "@mantine/notifications";
import { useEffect } from "react";
import type { ReactNode } from "react";
import { AppStateProvider, useAppState } from "./state/AppState";
import { cssVariablesResolver, theme } from "./theme";

/** Applies the saved theme (or the OS one) and workshop view to Mantine and the page. */
function Themed({ children, env }: { children: ReactNode; env: "default" | "test" }) {
  const { snapshot } = useAppState();
  const osScheme = useColorScheme("light", { getInitialValueInEffect: false });
  const preference = snapshot?.settings.theme ?? "system";
  const scheme = preference === "system" ? osScheme : preference;
  const workshop = snapshot?.settings.workshopMode ?? false;

  useEffect(() => {
    // Workshop view scales every rem-based size: see styles/global.css.
    document.documentElement.dataset.workshop = workshop ? "on" : "off";
  }, [workshop]);

  return (
    <MantineProvider theme={theme} forceColorScheme={scheme} cssVariablesResolver={cssVariablesResolver} env={env}>
      <Notifications position="bottom-right" limit={3} />
      {children}
    </MantineProvider>
  );
}

/** Everything the app needs around it: backend state, theme, notifications. */
export function Providers({ children, env = "default" }: { children: ReactNode; env?: "default" | "test" }) {
  return (
    <AppStateProvider>
      <Themed env={env}>{children}</Themed>
    </AppStateProvider>
  );
}
