//! The native menu bar: File, Edit, View, Help (on macOS after the app menu). Edit holds the
//! platform's own items (cut, copy, paste, select all; undo and redo where the platform has
//! them), so copying and pasting work in every field. Quit closes the window the way its close
//! button does (a pending client secret still keeps it open). Every other item reaches the UI
//! as one typed event, [`MenuAction`], which the UI answers with its own flows.

use serde::{Deserialize, Serialize};
use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// A menu item the UI answers (the `menu-action` event).
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, specta::Type, tauri_specta::Event,
)]
#[serde(rename_all = "camelCase")]
pub enum MenuAction {
    /// File → Add organization…: the Add organization screen.
    AddOrganization,
    /// File → Switch organization…: the header's organization menu, opened.
    SwitchOrganization,
    /// View → Refresh: what Ctrl+R does on the screen shown.
    Refresh,
    /// View → All clients: every API client of the organization.
    AllClients,
    /// View → All organizations.
    AllOrganizations,
    /// Help → Documentation: Camunda's Console documentation in the browser.
    Documentation,
    /// Help → Open log folder.
    OpenLogFolder,
    /// Help → Copy diagnostics.
    CopyDiagnostics,
    /// Help → About Skep.
    About,
}

/// Help → Documentation: Camunda's Console documentation (what Skep manages, in Camunda's words).
pub const DOCUMENTATION_URL: &str =
    "https://docs.camunda.io/docs/components/console/introduction-to-console/";

/// The id of File → Quit (Skep → Quit Skep on macOS), handled here.
pub const QUIT_ID: &str = "quit";

impl MenuAction {
    pub const ALL: [MenuAction; 9] = [
        MenuAction::AddOrganization,
        MenuAction::SwitchOrganization,
        MenuAction::Refresh,
        MenuAction::AllClients,
        MenuAction::AllOrganizations,
        MenuAction::Documentation,
        MenuAction::OpenLogFolder,
        MenuAction::CopyDiagnostics,
        MenuAction::About,
    ];

    /// The menu item's id: the action's name on the wire (`addOrganization`, …).
    pub fn id(self) -> &'static str {
        match self {
            MenuAction::AddOrganization => "addOrganization",
            MenuAction::SwitchOrganization => "switchOrganization",
            MenuAction::Refresh => "refresh",
            MenuAction::AllClients => "allClients",
            MenuAction::AllOrganizations => "allOrganizations",
            MenuAction::Documentation => "documentation",
            MenuAction::OpenLogFolder => "openLogFolder",
            MenuAction::CopyDiagnostics => "copyDiagnostics",
            MenuAction::About => "about",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }

    /// The item's label (`&` marks the mnemonic on Linux and Windows).
    pub fn label(self) -> &'static str {
        match self {
            MenuAction::AddOrganization => "&Add organization…",
            MenuAction::SwitchOrganization => "&Switch organization…",
            MenuAction::Refresh => "&Refresh",
            MenuAction::AllClients => "All &clients",
            MenuAction::AllOrganizations => "All &organizations",
            MenuAction::Documentation => "&Documentation",
            MenuAction::OpenLogFolder => "Open &log folder",
            MenuAction::CopyDiagnostics => "&Copy diagnostics",
            MenuAction::About => "&About Skep",
        }
    }

    /// The item's shortcut (`CmdOrCtrl` = ⌘ on macOS, Ctrl elsewhere). Refresh is the UI's own
    /// Ctrl+R; the others use Shift or keys the UI does not take (Ctrl+F and Ctrl+N stay the
    /// screens' find and create).
    pub fn accelerator(self) -> Option<&'static str> {
        match self {
            MenuAction::AddOrganization => Some("CmdOrCtrl+Shift+N"),
            MenuAction::SwitchOrganization => Some("CmdOrCtrl+O"),
            MenuAction::Refresh => Some("CmdOrCtrl+R"),
            MenuAction::AllClients => Some("CmdOrCtrl+Shift+C"),
            MenuAction::AllOrganizations => Some("CmdOrCtrl+Shift+O"),
            MenuAction::Documentation => Some("F1"),
            MenuAction::OpenLogFolder | MenuAction::CopyDiagnostics | MenuAction::About => None,
        }
    }
}

/// The shortcut of Quit.
pub const QUIT_ACCELERATOR: &str = "CmdOrCtrl+Q";

/// The app's menu bar.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |action: MenuAction| {
        let mut b = MenuItemBuilder::with_id(action.id(), action.label());
        if let Some(accelerator) = action.accelerator() {
            b = b.accelerator(accelerator);
        }
        b.build(app)
    };
    let quit = |label: &str| {
        MenuItemBuilder::with_id(QUIT_ID, label)
            .accelerator(QUIT_ACCELERATOR)
            .build(app)
    };

    let file = SubmenuBuilder::new(app, "&File")
        .item(&item(MenuAction::AddOrganization)?)
        .item(&item(MenuAction::SwitchOrganization)?);
    // On macOS, Quit is in the app menu.
    #[cfg(not(target_os = "macos"))]
    let file = file.separator().item(&quit("&Quit")?);
    let file = file.build()?;

    let edit = SubmenuBuilder::new(app, "&Edit");
    // GTK has no undo and redo items to offer (muda shows them disabled); Ctrl+Z and Ctrl+Shift+Z
    // still work in every field there.
    #[cfg(any(target_os = "macos", target_os = "windows"))]
    let edit = edit.undo().redo().separator();
    let edit = edit.cut().copy().paste().separator().select_all().build()?;

    let view = SubmenuBuilder::new(app, "&View")
        .item(&item(MenuAction::Refresh)?)
        .separator()
        .item(&item(MenuAction::AllClients)?)
        .item(&item(MenuAction::AllOrganizations)?)
        .build()?;

    let help = SubmenuBuilder::new(app, "&Help")
        .item(&item(MenuAction::Documentation)?)
        .separator()
        .item(&item(MenuAction::OpenLogFolder)?)
        .item(&item(MenuAction::CopyDiagnostics)?);
    // On macOS, About is in the app menu.
    #[cfg(not(target_os = "macos"))]
    let help = help.separator().item(&item(MenuAction::About)?);
    let help = help.build()?;

    let menu = MenuBuilder::new(app);
    #[cfg(target_os = "macos")]
    let menu = {
        let app_menu = SubmenuBuilder::new(app, "Skep")
            .item(&item(MenuAction::About)?)
            .separator()
            .services()
            .separator()
            .hide()
            .hide_others()
            .show_all()
            .separator()
            .item(&quit("Quit Skep")?)
            .build()?;
        let window = SubmenuBuilder::new(app, "Window")
            .minimize()
            .maximize()
            .build()?;
        menu.item(&app_menu)
            .items(&[&file, &edit, &view, &window, &help])
    };
    #[cfg(not(target_os = "macos"))]
    let menu = menu.items(&[&file, &edit, &view, &help]);
    menu.build()
}

/// A menu item was chosen: Quit closes the main window (through its close guard); the others
/// go to the UI as [`MenuAction`].
pub fn on_menu_event<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if id == QUIT_ID {
        match app.get_webview_window("main") {
            Some(window) => {
                if let Err(e) = window.close() {
                    tracing::warn!(error = %e, "could not close the window");
                }
            }
            None => app.exit(0),
        }
        return;
    }
    let Some(action) = MenuAction::from_id(id) else {
        return; // the platform's own items (copy, paste, …)
    };
    tracing::debug!(action = action.id(), "menu");
    // By the event's own name (the typed event of the bindings), with no registry to mount.
    let name = <MenuAction as tauri_specta::Event>::NAME;
    if let Err(e) = app.emit(name, action) {
        tracing::warn!(error = %e, "could not tell the UI about the menu item");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_through_its_id_and_the_wire() {
        for action in MenuAction::ALL {
            assert_eq!(MenuAction::from_id(action.id()), Some(action));
            assert_eq!(
                serde_json::to_value(action).unwrap(),
                serde_json::Value::String(action.id().into())
            );
        }
        assert_eq!(MenuAction::from_id(QUIT_ID), None);
        assert_eq!(<MenuAction as tauri_specta::Event>::NAME, "menu-action");
    }

    #[test]
    fn accelerators_are_distinct_and_leave_the_screens_keys_alone() {
        let mut seen: Vec<&str> = MenuAction::ALL
            .iter()
            .filter_map(|a| a.accelerator())
            .collect();
        seen.push(QUIT_ACCELERATOR);
        let mut unique = seen.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "{seen:?}");
        // Ctrl+F (find) and Ctrl+N (create) are the screens' own.
        for taken in ["CmdOrCtrl+F", "CmdOrCtrl+N"] {
            assert!(!seen.contains(&taken), "{taken}");
        }
    }
}
