import { Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { toAppError } from "../../ipc";
import type { AppError, ConnectionView, KeychainInfo } from "../../ipc";
import { AppErrorAlert } from "../../components/AppErrorAlert";
import { useAppState } from "../../state/AppState";

/** What deleting this connection does, one plain sentence each. */
export function deleteConsequences(connection: ConnectionView, keychain: KeychainInfo, inUse: boolean): string[] {
  const secretName = connection.authMethod === "hmac" ? "Secret Key" : "API token";
  const lines = [`The connection profile “${connection.name}” is removed from TC Bridge.`];
  if (connection.secretStorage === "keychain") {
    lines.push(`Its stored ${secretName} is removed from ${keychain.name}.`);
  } else if (connection.secretStorage === "session") {
    lines.push(`Its ${secretName}, kept for this session only, is forgotten.`);
  }
  if (connection.owner !== null) lines.push(`The owner chosen for it (${connection.owner.name}) is forgotten.`);
  if (inUse) lines.push("It is the connection in use: choose another one afterwards.");
  lines.push("Nothing in ThreatConnect itself is changed.");
  return lines;
}

interface DeleteConnectionDialogProps {
  connection: ConnectionView | null;
  keychain: KeychainInfo;
  inUse: boolean;
  onClose: () => void;
}

/** Asks before deleting a connection, saying exactly what will happen. */
export function DeleteConnectionDialog({ connection, keychain, inUse, onClose }: DeleteConnectionDialogProps) {
  const { deleteConnection } = useAppState();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function confirm() {
    if (connection === null) return;
    setBusy(true);
    setError(null);
    try {
      await deleteConnection(connection.id);
      setBusy(false);
      onClose();
    } catch (caught) {
      setError(toAppError(caught));
      setBusy(false);
    }
  }

  function close() {
    setError(null);
    onClose();
  }

  return (
    <Modal
      opened={connection !== null}
      onClose={close}
      title={connection === null ? "" : `Delete “${connection.name}”?`}
      size={460}
      styles={{ title: { fontWeight: 600 } }}
    >
      {connection !== null && (
        <Stack gap="md">
          <Text size="sm">Deleting this connection does the following:</Text>
          <List size="sm" spacing={6} data-testid="delete-consequences">
            {deleteConsequences(connection, keychain, inUse).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed">
            This cannot be undone.
          </Text>
          {error !== null && <AppErrorAlert error={error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} data-autofocus>
              Cancel
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={busy}>
              Delete connection
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
