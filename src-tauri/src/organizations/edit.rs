//! Add, edit, rename and remove saved organizations.

use console_api::Secret;

use super::settings::SavedOrganization;
use super::{saved_to_dto, unknown, validate, Organizations, ENVIRONMENT_ID, SANDBOX_ID};
use crate::dto::{OrgColor, Organization, OrganizationInput, SecretStorage};
use crate::error::{AppError, AppResult};
use crate::secrets::{secret_account, token_account};

impl Organizations {
    /// Save a new organization; its secret goes to the keychain (or memory with `sessionOnly`).
    /// The new organization becomes the active one.
    ///
    /// All under the settings lock: first its id goes to `pendingKeychain` in the settings file,
    /// then the secret to the keychain, then the organization to the file (and the id out of
    /// `pendingKeychain`). A crash in between leaves a pending id, whose keychain entry the next
    /// start deletes.
    pub fn add(&self, input: &OrganizationInput) -> AppResult<Organization> {
        let name = validate::name(&input.name)?;
        let conn = validate::connection(input)?;
        let secret = input
            .client_secret
            .as_deref()
            .ok_or_else(|| AppError::invalid_input("Enter the client secret."))?;
        validate::secret(secret)?;
        let id = format!("org-{}", uuid::Uuid::new_v4().simple());
        let _gate = self.save_gate.lock();
        let lock = self.file.lock();
        let mut disk = self.read_for_change(&lock)?;
        if !input.session_only {
            disk.pending_keychain.push(id.clone());
            lock.save_journal(&disk)
                .map_err(|e| AppError::io("Could not save the settings file", &e))?;
        }
        let storage = match self.store_secret(&id, secret.trim(), input.session_only) {
            Ok(storage) => storage,
            Err(e) => {
                // The id stays pending: a keychain call that timed out behind an unlock prompt
                // may still write the entry when the user answers; the next start removes it.
                *self.settings.lock() = disk;
                return Err(e);
            }
        };
        super::crash_point("after-keychain-write");
        let color = input.color.unwrap_or_else(|| {
            OrgColor::first_unused(disk.organizations.iter().map(SavedOrganization::color))
        });
        let saved = SavedOrganization {
            id: id.clone(),
            name,
            client_id: conn.client_id,
            token_url: conn.token_url,
            api_base_url: conn.api_base_url,
            audience: conn.audience,
            secret_storage: storage,
            denied_permissions: Vec::new(),
            color: Some(color),
            production: input.production,
        };
        let dto = saved_to_dto(&saved);
        let mut next = disk.clone();
        next.organizations.push(saved);
        next.active_id = Some(id.clone());
        next.pending_keychain.retain(|p| p != &id);
        if let Err(e) = self.save_locked(&lock, &next) {
            // The file still lists the id as pending: if this removal fails too, the next start
            // removes the entry.
            self.forget_secret(&id, storage);
            *self.settings.lock() = disk;
            return Err(e);
        }
        *self.settings.lock() = next;
        *self.active.lock() = id;
        Ok(dto)
    }

    /// Edit a saved organization. `clientSecret: null` keeps the stored secret (moving it between
    /// keychain and session memory when `sessionOnly` changes) — only while the client id, token
    /// URL, audience and API URL stay as they are. Changed credentials or endpoints forget the
    /// cached token and the permissions seen.
    pub fn update(&self, id: &str, input: &OrganizationInput) -> AppResult<Organization> {
        // Before a new secret goes to the keychain: an edit that cannot be saved changes nothing.
        self.refuse_while_unreadable()?;
        let current = self.saved(id)?;
        let name = validate::name(&input.name)?;
        let conn = validate::connection(input)?;
        let want_storage = if input.session_only {
            SecretStorage::Session
        } else {
            SecretStorage::Keychain
        };
        // A saved secret (and the tokens it bought) belongs to the URLs, audience and client id
        // it was entered for: changing any of them needs the secret typed again, so nothing the
        // (untrusted) web UI sends can redirect a stored secret or a cached token elsewhere.
        let endpoint_changed = conn.client_id != current.client_id
            || conn.token_url != current.token_url
            || conn.audience != current.audience
            || conn.api_base_url != current.api_base_url;
        if endpoint_changed && input.client_secret.is_none() {
            return Err(AppError::invalid_input(
                "Enter the client secret again: the client id, token URL, audience or API URL \
                 changed, and Skep sends a saved secret only to the addresses it was entered for.",
            ));
        }
        let new_secret: Option<Secret> = match input.client_secret.as_deref() {
            Some(s) => {
                validate::secret(s)?;
                Some(Secret::new(s.trim()))
            }
            None if want_storage != current.secret_storage => Some(self.resolve(id)?.secret),
            None => None,
        };
        let credentials_changed = input.client_secret.is_some() || endpoint_changed;
        if let Some(secret) = &new_secret {
            self.store_secret(id, secret.expose(), input.session_only)?;
            if want_storage != current.secret_storage {
                self.forget_secret(id, current.secret_storage);
            }
        }
        if credentials_changed {
            self.forget_tokens(&current);
        }
        let updated = SavedOrganization {
            id: id.to_string(),
            name,
            client_id: conn.client_id,
            token_url: conn.token_url,
            api_base_url: conn.api_base_url,
            audience: conn.audience,
            secret_storage: want_storage,
            denied_permissions: if credentials_changed {
                Vec::new()
            } else {
                current.denied_permissions.clone()
            },
            color: input.color.or(current.color),
            production: input.production,
        };
        let dto = saved_to_dto(&updated);
        self.update_settings(|s| {
            if let Some(slot) = s.organizations.iter_mut().find(|o| o.id == id) {
                *slot = updated;
            }
        })?;
        Ok(dto)
    }

    pub fn rename(&self, id: &str, name: &str) -> AppResult<Organization> {
        let name = validate::name(name)?;
        self.saved(id)?;
        self.update_settings(|s| {
            if let Some(o) = s.organizations.iter_mut().find(|o| o.id == id) {
                o.name = name;
            }
        })?;
        self.organization(id, None)
    }

    /// Remove a saved organization and its keychain entries (secret and cached token).
    pub fn remove(&self, id: &str) -> AppResult<()> {
        let current = self.saved(id)?;
        // Under the lock, with the file read first: a removal that cannot be saved is refused
        // before its secret leaves the keychain.
        let _gate = self.save_gate.lock();
        let lock = self.file.lock();
        let mut disk = self.read_for_change(&lock)?;
        if current.secret_storage == SecretStorage::Keychain {
            self.secrets.delete(&secret_account(id)).map_err(|e| {
                AppError::keychain_unavailable(&format!(
                    "its secret could not be removed from the keychain: {e}"
                ))
            })?;
        }
        self.forget_tokens(&current);
        self.session_secrets.lock().remove(id);
        let mut active = self.active.lock();
        let was_active = *active == id;
        disk.organizations.retain(|o| o.id != id);
        if disk.active_id.as_deref() == Some(id) {
            disk.active_id = Some(SANDBOX_ID.to_string());
        }
        self.save_locked(&lock, &disk)?;
        *self.settings.lock() = disk;
        if was_active {
            *active = if self.environment.is_some() {
                ENVIRONMENT_ID.to_string()
            } else {
                SANDBOX_ID.to_string()
            };
        }
        Ok(())
    }

    fn saved(&self, id: &str) -> AppResult<SavedOrganization> {
        if id == SANDBOX_ID || id == ENVIRONMENT_ID {
            return Err(AppError::invalid_input(
                "The Sandbox and Environment organizations cannot be edited or removed.",
            ));
        }
        self.settings
            .lock()
            .organizations
            .iter()
            .find(|o| o.id == id)
            .cloned()
            .ok_or_else(|| unknown(id))
    }

    fn store_secret(&self, id: &str, secret: &str, session_only: bool) -> AppResult<SecretStorage> {
        if session_only {
            self.session_secrets
                .lock()
                .insert(id.to_string(), Secret::new(secret));
            Ok(SecretStorage::Session)
        } else {
            // Never a silent fallback: if the keychain fails, the user decides.
            self.secrets.set(&secret_account(id), secret)?;
            Ok(SecretStorage::Keychain)
        }
    }

    fn forget_secret(&self, id: &str, storage: SecretStorage) {
        match storage {
            SecretStorage::Session => {
                self.session_secrets.lock().remove(id);
            }
            SecretStorage::Keychain => {
                if let Err(e) = self.secrets.delete(&secret_account(id)) {
                    tracing::warn!(error = %e, "old secret could not be removed from the keychain");
                }
            }
        }
    }

    /// Forget every token of organization `saved` (as it was saved): the keychain entry, the
    /// in-memory store and the process-wide token cache of its credentials, with the copy of
    /// its secret that cache holds.
    fn forget_tokens(&self, saved: &SavedOrganization) {
        let id = saved.id.as_str();
        if let Some(key) = console_api::TokenKey::for_credentials(
            &saved.token_url,
            &saved.audience,
            &saved.client_id,
        ) {
            console_api::forget_token_cache(&key);
        }
        self.memory_tokens.lock().remove(id);
        if let Err(e) = self.secrets.delete(&token_account(id)) {
            tracing::debug!(error = %e, "cached token could not be removed from the keychain");
        }
    }
}
