fn main() {
    // Declaring the app's commands lets capabilities grant them one by one (least privilege).
    let manifest = tauri_build::AppManifest::new().commands(&[
        "get_app_snapshot",
        "save_connection",
        "delete_connection",
        "select_connection",
        "test_connection",
        "list_owners",
        "select_owner",
        "save_settings",
    ]);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        panic!("tauri build step failed: {e:#}");
    }
}
