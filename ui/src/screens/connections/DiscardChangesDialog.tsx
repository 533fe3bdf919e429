import { Button, Group, Modal, Stack, Text, getDefaultZIndex } from "@mantine/core";

export const DISCARD_TITLE = "Discard your changes to this connection?";

interface DiscardChangesDialogProps {
  opened: boolean;
  /** The saved connection being edited, or null for a new one. */
  connectionName: string | null;
  onKeepEditing: () => void;
  onDiscard: () => void;
}

/**
 * Asks once before unsaved changes in the connection form are thrown away. "Keep editing" is
 * the default: it has the focus, and Esc or a click outside mean the same.
 *
 * Esc is handled here, for key presses inside the question only. Mantine's own Esc handling
 * listens on the whole window, and in a browser it would also see the very Esc that closed
 * the drawer and opened this question, and close it again at once.
 */
export function DiscardChangesDialog({ opened, connectionName, onKeepEditing, onDiscard }: DiscardChangesDialogProps) {
  return (
    <Modal
      opened={opened}
      onClose={onKeepEditing}
      closeOnEscape={false}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || event.nativeEvent.isComposing) return;
        event.preventDefault();
        onKeepEditing();
      }}
      title={DISCARD_TITLE}
      // Two plain answers, no third "×" whose meaning one would have to guess.
      withCloseButton={false}
      size={440}
      // Above the form's drawer, which stays open underneath.
      zIndex={getDefaultZIndex("modal") + 1}
      styles={{ title: { fontWeight: 600 } }}
    >
      <Stack gap="lg">
        <Text size="sm">
          {connectionName === null
            ? "This new connection has not been saved. If you discard it, what you entered is gone."
            : `Your changes to “${connectionName}” have not been saved. If you discard them, the connection stays as it was.`}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onKeepEditing} data-autofocus>
            Keep editing
          </Button>
          <Button color="red" variant="light" onClick={onDiscard}>
            Discard changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
