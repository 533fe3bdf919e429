import { Badge, Button, Drawer, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useImperativeHandle, useRef, useState } from "react";
import type { Ref } from "react";
import { toAppError } from "../../ipc";
import type { AppError, ConnectionView } from "../../ipc";
import { AppErrorAlert } from "../../components/AppErrorAlert";
import { Note } from "../../components/Note";
import { iconProps } from "../../lib/icons";
import { useAppState } from "../../state/AppState";
import { ConnectionForm } from "./ConnectionForm";
import { ConnectionRow } from "./ConnectionRow";
import { DeleteConnectionDialog } from "./DeleteConnectionDialog";
import { DiscardChangesDialog } from "./DiscardChangesDialog";
import type { TestState } from "./TestResultPanel";
import { viewToInput } from "./connectionForm";
import classes from "./ConnectionsScreen.module.css";

/** What the form drawer shows. Each opening is a new session, so a discarded form starts afresh. */
type Editor = { mode: "new"; session: number } | { mode: "edit"; connection: ConnectionView; session: number };

/** What the rest of the shell (the quick switcher) may ask of this screen. */
export interface ConnectionsScreenHandle {
  /** Opens the New connection form, asking first if the open form has unsaved changes. */
  newConnection: () => void;
  /** Tests the connection in use, showing the result in its row. */
  testSelected: () => void;
}

const IDLE: TestState = { status: "idle" };

/** Built-in connections first, then the user's own in the order the backend keeps them. */
function ordered(connections: readonly ConnectionView[]): ConnectionView[] {
  return [...connections.filter((c) => c.builtIn), ...connections.filter((c) => !c.builtIn)];
}

function LoadingRows() {
  return (
    <div className={classes.list} aria-busy="true" aria-label="Loading connections" data-testid="connections-loading">
      {[0, 1, 2].map((i) => (
        <div className={classes.listItem} key={i}>
          <div className={classes.rowMain}>
            <Skeleton circle height={18} />
            <Stack gap={8} style={{ flex: 1 }}>
              <Skeleton height={14} width="30%" />
              <Skeleton height={10} width="55%" />
              <Skeleton height={10} width="40%" />
            </Stack>
            <Skeleton height={28} width={160} />
          </div>
        </div>
      ))}
    </div>
  );
}

/** Connections: the profiles for the ThreatConnect instances the analyst works with. */
export function ConnectionsScreen({ ref }: { ref?: Ref<ConnectionsScreenHandle> }) {
  const { snapshot, snapshotError, reloadSnapshot, selectConnection, selectedConnection, testConnection } =
    useAppState();
  // The last form shown stays in `editor` while the drawer slides out; `editorOpen` says
  // whether it is open.
  const [editor, setEditor] = useState<Editor | null>(null);
  const [editorOpen, setEditorOpen] = useState(false);
  const [dirty, setDirty] = useState(false);
  // Set while asking whether to discard unsaved changes: what to show if the user agrees
  // (another form, or nothing).
  const [leaving, setLeaving] = useState<{ next: Editor | null } | null>(null);
  // Counts forms replaced while the drawer stays open (see Drawer.Content below).
  const [replaced, setReplaced] = useState(0);
  const sessions = useRef(0);
  const [deleting, setDeleting] = useState<ConnectionView | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [useErrors, setUseErrors] = useState<Record<string, AppError | null>>({});
  const [using, setUsing] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);

  function showEditor(next: Editor | null) {
    if (next !== null) setEditor(next);
    if (next !== null && editorOpen) setReplaced((n) => n + 1);
    setEditorOpen(next !== null);
    setDirty(false);
    setLeaving(null);
  }

  /** Opens a form or closes the drawer; with unsaved changes in the form, asks first. */
  function requestEditor(next: Editor | null) {
    if (leaving !== null) return;
    if (editorOpen && dirty) {
      setLeaving({ next });
      return;
    }
    showEditor(next);
  }

  function newEditor(): Editor {
    sessions.current += 1;
    return { mode: "new", session: sessions.current };
  }

  function editEditor(connection: ConnectionView): Editor {
    sessions.current += 1;
    return { mode: "edit", connection, session: sessions.current };
  }

  useImperativeHandle(ref, () => ({
    newConnection: () => requestEditor(newEditor()),
    testSelected: () => {
      if (selectedConnection !== null) void runRowTest(selectedConnection);
    },
  }));

  async function runRowTest(connection: ConnectionView) {
    setTests((prev) => ({ ...prev, [connection.id]: { status: "running" } }));
    try {
      const report = await testConnection(viewToInput(connection), connection.id);
      setTests((prev) => ({ ...prev, [connection.id]: { status: "ok", report } }));
    } catch (caught) {
      setTests((prev) => ({ ...prev, [connection.id]: { status: "error", error: toAppError(caught) } }));
    }
  }

  async function use(connection: ConnectionView) {
    setUsing(connection.id);
    setUseErrors((prev) => ({ ...prev, [connection.id]: null }));
    try {
      await selectConnection(connection.id);
    } catch (caught) {
      setUseErrors((prev) => ({ ...prev, [connection.id]: toAppError(caught) }));
    } finally {
      setUsing(null);
    }
  }

  async function retryLoad() {
    setRetrying(true);
    await reloadSnapshot();
    setRetrying(false);
  }

  const connections = snapshot === null ? [] : ordered(snapshot.connections);
  const ownConnections = connections.filter((c) => !c.builtIn);
  const keychain = snapshot?.keychain;

  return (
    <div className={classes.page}>
      <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap">
        <div>
          <Title order={1} size="h2" fw={650} style={{ letterSpacing: "-0.015em" }}>
            Connections
          </Title>
          <Text c="dimmed" size="sm" mt={4} maw={620}>
            The ThreatConnect instances you work with. Each connection keeps its base URL, how it signs in, and the
            owner you chose for it.
          </Text>
        </div>
        <Button
          leftSection={<IconPlus {...iconProps(16, 2)} />}
          onClick={() => requestEditor(newEditor())}
          disabled={snapshot === null}
          style={{ flexShrink: 0 }}
          data-testid="new-connection"
        >
          New connection
        </Button>
      </Group>

      {keychain !== undefined && !keychain.available && (
        <Stack mb="md">
          <Note tone="warning" boxed>
            No keychain is available on this computer ({keychain.name} not found): secrets are kept for this session
            only and you will need to enter them again after restarting.
          </Note>
        </Stack>
      )}

      {snapshot === null && snapshotError !== null && (
        <AppErrorAlert
          error={snapshotError}
          title="TC Bridge could not load its connections"
          onRetry={() => void retryLoad()}
          retrying={retrying}
        />
      )}
      {snapshot === null && snapshotError === null && <LoadingRows />}

      {snapshot !== null && connections.length === 0 && (
        <div className={classes.emptyCard} data-testid="connections-empty">
          <Text fw={600}>No connections yet</Text>
          <Text size="sm" c="dimmed" mt={4} mb="md">
            Add the ThreatConnect instance you work with: you need its base URL and an API user&apos;s Access ID and
            Secret Key, or an API token.
          </Text>
          <Button variant="light" leftSection={<IconPlus {...iconProps(16, 2)} />} onClick={() => requestEditor(newEditor())}>
            New connection
          </Button>
        </div>
      )}

      {snapshot !== null && connections.length > 0 && (
        <Stack gap="lg">
          <div className={classes.list} role="list" aria-label="Connections">
            {connections.map((connection) => (
              <div role="listitem" key={connection.id} className={classes.listItem}>
                <ConnectionRow
                  connection={connection}
                  selected={connection.id === snapshot.selectedConnectionId}
                  deployments={snapshot.deployments}
                  keychain={snapshot.keychain}
                  test={tests[connection.id] ?? IDLE}
                  useError={useErrors[connection.id] ?? null}
                  using={using === connection.id}
                  onUse={() => void use(connection)}
                  onTest={() => void runRowTest(connection)}
                  onDismissTest={() => setTests((prev) => ({ ...prev, [connection.id]: IDLE }))}
                  onEdit={() => requestEditor(editEditor(connection))}
                  onDelete={() => setDeleting(connection)}
                />
              </div>
            ))}
          </div>

          {ownConnections.length === 0 && (
            <div className={classes.emptyCard} data-testid="connections-empty">
              <Text fw={600} size="sm">
                No connection to your own ThreatConnect instance yet
              </Text>
              <Text size="sm" c="dimmed" mt={4} mb="md" maw={640}>
                The Local sandbox lets you try every screen. To work with real data, add your instance: you need its
                base URL and an API user&apos;s Access ID and Secret Key, or an API token.
              </Text>
              <Button
                variant="light"
                leftSection={<IconPlus {...iconProps(16, 2)} />}
                onClick={() => requestEditor(newEditor())}
              >
                Add your ThreatConnect instance
              </Button>
            </div>
          )}
        </Stack>
      )}

      {snapshot !== null && (
        <>
          {/* Esc, the close button, Cancel and a click outside all ask first when the form has
              unsaved changes. While the question is open, Esc is the question's own ("Keep
              editing"): the drawer leaves it alone. */}
          <Drawer.Root
            opened={editorOpen}
            onClose={() => requestEditor(null)}
            closeOnEscape={leaving === null}
            position="right"
            size={540}
          >
            <Drawer.Overlay backgroundOpacity={0.35} blur={1} />
            {/* A form replaced in the open drawer remounts the content, so that its focus trap
                puts the focus in the new form (keyed only then, to keep the slide-in). */}
            <Drawer.Content key={replaced}>
              <Drawer.Header>
                <Drawer.Title fw={600} fz="lg" className="tcb-truncate">
                  {editor === null ? "" : editor.mode === "new" ? "New connection" : `Edit ${editor.connection.name}`}
                </Drawer.Title>
                <Group gap="xs" wrap="nowrap" ml="sm" style={{ flexShrink: 0 }}>
                  {dirty && editorOpen && (
                    <Badge variant="dot" color="yellow" size="md" tt="none" fw={500} data-testid="unsaved-changes">
                      Unsaved changes
                    </Badge>
                  )}
                  <Drawer.CloseButton aria-label="Close" />
                </Group>
              </Drawer.Header>
              <Drawer.Body>
                {editor !== null && (
                  <ConnectionForm
                    key={editor.session}
                    editing={editor.mode === "new" ? null : editor.connection}
                    deployments={snapshot.deployments}
                    keychain={snapshot.keychain}
                    onSaved={() => showEditor(null)}
                    onCancel={() => requestEditor(null)}
                    onDirtyChange={setDirty}
                  />
                )}
              </Drawer.Body>
            </Drawer.Content>
          </Drawer.Root>
          <DiscardChangesDialog
            opened={leaving !== null}
            connectionName={editor?.mode === "edit" ? editor.connection.name : null}
            onKeepEditing={() => setLeaving(null)}
            onDiscard={() => showEditor(leaving?.next ?? null)}
          />
          <DeleteConnectionDialog
            connection={deleting}
            keychain={snapshot.keychain}
            inUse={deleting !== null && deleting.id === snapshot.selectedConnectionId}
            onClose={() => setDeleting(null)}
          />
        </>
      )}
    </div>
  );
}
