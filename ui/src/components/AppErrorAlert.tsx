import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconRefresh } from "@tabler/icons-react";
import type { AppError, ErrorKind } from "../ipc";
import { iconProps } from "../lib/icons";

/** A short heading per kind of failure, in analyst words (never a code). */
const TITLES: Record<ErrorKind, string> = {
  AuthRejected: "ThreatConnect refused the credentials",
  ClockSkew: "Your clock is out of step",
  OwnerNotFound: "Owner not found",
  NotFound: "Not found",
  Network: "ThreatConnect could not be reached",
  Tls: "The secure connection failed",
  Timeout: "ThreatConnect did not answer in time",
  ServerError: "ThreatConnect had a problem",
  UnexpectedResponse: "ThreatConnect gave an answer TC Bridge did not expect",
  Validation: "Something needs correcting",
  SigningBroken: "Request signing is not working",
  Keychain: "The keychain could not be used",
  Storage: "TC Bridge could not save its data",
  Internal: "Something went wrong",
  Cancelled: "Stopped",
};

export function errorTitle(error: AppError): string {
  return TITLES[error.kind];
}

interface AppErrorAlertProps {
  error: AppError;
  /** Shows a Retry button when retrying makes sense. */
  onRetry?: () => void;
  retrying?: boolean;
  /** Overrides the heading (defaults to one that names the kind of failure). */
  title?: string;
  "data-testid"?: string;
}

/** An `AppError` shown inline, next to what failed: what happened, what to do, Retry. */
export function AppErrorAlert({ error, onRetry, retrying = false, title, ...rest }: AppErrorAlertProps) {
  return (
    <Alert
      color="red"
      role="alert"
      icon={<IconAlertCircle {...iconProps(18)} />}
      title={title ?? errorTitle(error)}
      data-error-kind={error.kind}
      data-testid={rest["data-testid"]}
      styles={{
        root: { background: "var(--tcb-danger-bg)", border: "1px solid var(--tcb-danger-border)" },
        title: { color: "var(--tcb-danger)" },
        icon: { color: "var(--tcb-danger)" },
      }}
    >
      <Stack gap={6}>
        <Text size="sm">{error.message}</Text>
        {error.hint !== null && error.hint !== "" && (
          <Text size="sm" c="dimmed">
            {error.hint}
          </Text>
        )}
        {onRetry !== undefined && (
          <Group gap="xs" mt={4}>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconRefresh {...iconProps(14)} />}
              onClick={onRetry}
              loading={retrying}
            >
              Retry
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
