//! One short adapter per command, grouped by area. Each turns IPC types into `bridge`
//! calls and `bridge` results into IPC types; nothing else.

pub mod app;
pub mod connections;
pub mod owners;
pub mod settings;
