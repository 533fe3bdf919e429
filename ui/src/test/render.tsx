import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../App";
import { Providers } from "../Providers";
import type { FakeBackendOptions } from "../dev/fakeBackend";
import { resetBackend } from "./fakeIpc";

/** Renders the whole app over a fresh fake backend (the test file must mock "../ipc"). */
export function renderApp(options: FakeBackendOptions = {}, beforeRender?: () => void) {
  const backend = resetBackend(options);
  beforeRender?.();
  const user = userEvent.setup();
  const view = render(
    <Providers env="test">
      <App />
    </Providers>,
  );
  return { ...view, user, backend };
}
