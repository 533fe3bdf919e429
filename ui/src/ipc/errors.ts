/**
 * Errors that cross the IPC seam.
 *
 * The backend answers failures with a typed `AppError` (`kind`, `message`, `hint`, `field`).
 * This module keeps that type intact on the way to components: `api.*` throws a
 * `BackendError` that carries it, and `toAppError` turns anything caught into one, so a
 * component never has to look at an unknown value. Nothing here talks to Tauri, so tests can
 * use it as it is while they replace `api`.
 */
import type { AppError, ErrorKind } from "../bindings";

const ERROR_KINDS: readonly ErrorKind[] = [
  "AuthRejected",
  "ClockSkew",
  "OwnerNotFound",
  "NotFound",
  "Network",
  "Tls",
  "Timeout",
  "ServerError",
  "UnexpectedResponse",
  "Validation",
  "SigningBroken",
  "Keychain",
  "Storage",
  "Internal",
];

/** The error a failed `api.*` call throws: the backend's `AppError`, unchanged. */
export class BackendError extends Error {
  readonly appError: AppError;

  constructor(appError: AppError) {
    super(appError.message);
    this.name = "BackendError";
    this.appError = appError;
  }
}

/** Shown when something fails that the backend did not describe (a bug, or no backend at all). */
export const UNEXPECTED_ERROR: AppError = {
  kind: "Internal",
  message: "Something unexpected went wrong inside TC Bridge.",
  hint: "Try again. If it keeps happening, restart TC Bridge.",
  field: null,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && (ERROR_KINDS as readonly string[]).includes(value);
}

/** True when `value` has the shape the backend promises for its errors. */
export function isAppError(value: unknown): value is AppError {
  return (
    isRecord(value) &&
    isErrorKind(value.kind) &&
    typeof value.message === "string" &&
    (value.hint === null || typeof value.hint === "string") &&
    (value.field === null || typeof value.field === "string")
  );
}

/**
 * Reads whatever the backend sent as an error. A well-formed `AppError` passes through; an
 * error without `hint`/`field` gets nulls; anything else (a bare string from Tauri itself, say)
 * becomes the generic "unexpected" error so that no internal text reaches the screen.
 */
export function normaliseAppError(raw: unknown): AppError {
  if (isAppError(raw)) return raw;
  if (isRecord(raw) && isErrorKind(raw.kind) && typeof raw.message === "string") {
    return {
      kind: raw.kind,
      message: raw.message,
      hint: typeof raw.hint === "string" ? raw.hint : null,
      field: typeof raw.field === "string" ? raw.field : null,
    };
  }
  return UNEXPECTED_ERROR;
}

/** Turns anything a `catch` receives into an `AppError` a component can show. */
export function toAppError(caught: unknown): AppError {
  if (caught instanceof BackendError) return caught.appError;
  return normaliseAppError(caught);
}
