//! Journeys several areas need before they can test anything: set up the clinic, sign in and
//! out, add an account, choose a password. Each step waits for what a person would see next.

#![allow(dead_code)]
// `create_demo_clinic` fails the test the way test functions do.
#![allow(clippy::expect_used, clippy::panic)]

use std::process::Command;

use rekindle_e2e::{app_binary, default_timeout, AppWindow, Profile, Result};

/// The password of the demo clinic's accounts (admin, counsellor, reception, ...).
pub const DEMO_PASSWORD: &str = "harbour light demo password";

pub const CLINIC_NAME: &str = "Willow Street Counselling";
pub const ADMIN_NAME: &str = "Robin Hale";
pub const ADMIN_USERNAME: &str = "robin";
pub const ADMIN_PASSWORD: &str = "kettle on the willow stove";

pub const RECEPTION_NAME: &str = "Frankie Adeyemi";
pub const RECEPTION_USERNAME: &str = "frankie";
pub const RECEPTION_TEMP_PASSWORD: &str = "temporary-door-42";
pub const RECEPTION_PASSWORD: &str = "frankie keeps the front desk";

pub const COUNSELLOR_NAME: &str = "Jordan Reyes";
pub const COUNSELLOR_USERNAME: &str = "jordan";
pub const COUNSELLOR_TEMP_PASSWORD: &str = "temporary-chair-17";
pub const COUNSELLOR_PASSWORD: &str = "jordan listens before speaking";

/// Fills in and submits the first-run form; returns once the recovery key is on screen, with
/// the key's text.
pub async fn submit_setup(app: &AppWindow) -> Result<String> {
    app.wait_for("setup-clinic-name", default_timeout()).await?;
    app.type_into("setup-clinic-name", CLINIC_NAME).await?;
    app.type_into("setup-clinic-address", "14 Willow Street\nBristol BS1 4DJ").await?;
    app.type_into("setup-clinic-phone", "0117 496 0000").await?;
    app.type_into("setup-clinic-email", "hello@willowstreet.example").await?;
    app.type_into("setup-admin-name", ADMIN_NAME).await?;
    app.type_into("setup-admin-username", ADMIN_USERNAME).await?;
    app.type_into("setup-admin-password", ADMIN_PASSWORD).await?;
    app.type_into("setup-admin-password-confirm", ADMIN_PASSWORD).await?;
    app.click("setup-submit").await?;
    app.wait_for("recovery-key", default_timeout()).await?;
    app.text_of("recovery-key").await
}

/// Leaves the recovery key screen (tick, continue) and waits for the signed-in shell.
pub async fn confirm_recovery_key(app: &AppWindow) -> Result<()> {
    app.set_checked("recovery-confirm", true).await?;
    app.click("recovery-continue").await?;
    app.wait_for_text("current-user", ADMIN_NAME, default_timeout()).await?;
    Ok(())
}

/// First-run setup start to finish; the administrator ends up signed in.
pub async fn set_up_clinic(app: &AppWindow) -> Result<String> {
    let key = submit_setup(app).await?;
    confirm_recovery_key(app).await?;
    Ok(key)
}

/// Types a name and password on the sign-in screen and submits. Does not wait for the result.
pub async fn submit_sign_in(app: &AppWindow, username: &str, password: &str) -> Result<()> {
    app.wait_for("signin-username", default_timeout()).await?;
    app.type_into("signin-username", username).await?;
    app.type_into("signin-password", password).await?;
    app.click("signin-submit").await
}

/// Signs in and waits until the shell shows who is signed in.
pub async fn sign_in(app: &AppWindow, username: &str, password: &str, display_name: &str) -> Result<()> {
    submit_sign_in(app, username, password).await?;
    app.wait_for_text("current-user", display_name, default_timeout()).await?;
    Ok(())
}

/// Signs out and waits for the sign-in screen.
pub async fn sign_out(app: &AppWindow) -> Result<()> {
    app.click("signout-button").await?;
    app.wait_for("signin-username", default_timeout()).await?;
    Ok(())
}

/// As an administrator: Accounts, Add account, fill in, save; waits for the new row.
pub async fn add_account(
    app: &AppWindow,
    name: &str,
    username: &str,
    roles: &[&str],
    temp_password: &str,
) -> Result<String> {
    app.click("nav-accounts").await?;
    app.click("account-add").await?;
    app.type_into("account-display-name", name).await?;
    app.type_into("account-username", username).await?;
    for role in ["administrator", "counsellor", "reception"] {
        app.set_checked(&format!("account-role-{role}"), roles.contains(&role)).await?;
    }
    app.type_into("account-temp-password", temp_password).await?;
    app.click("account-save").await?;
    app.wait_for_text(&format!("account-row-{username}"), name, default_timeout()).await
}

/// On the "choose your own password" screen: replaces the temporary password.
pub async fn change_temporary_password(app: &AppWindow, temp: &str, new: &str) -> Result<()> {
    app.wait_for("password-current", default_timeout()).await?;
    app.type_into("password-current", temp).await?;
    app.type_into("password-new", new).await?;
    app.type_into("password-confirm", new).await?;
    app.click("password-submit").await
}

/// A set-up clinic with a reception account, and reception signed in on the Clients screen.
pub async fn clinic_with_reception_signed_in(app: &AppWindow) -> Result<()> {
    set_up_clinic(app).await?;
    add_account(app, RECEPTION_NAME, RECEPTION_USERNAME, &["reception"], RECEPTION_TEMP_PASSWORD).await?;
    sign_out(app).await?;
    submit_sign_in(app, RECEPTION_USERNAME, RECEPTION_TEMP_PASSWORD).await?;
    change_temporary_password(app, RECEPTION_TEMP_PASSWORD, RECEPTION_PASSWORD).await?;
    app.wait_for_text("current-user", RECEPTION_NAME, default_timeout()).await?;
    app.wait_for("client-search", default_timeout()).await?;
    Ok(())
}

/// The texts of the client search results once they satisfy `ready`, waiting past the debounce.
pub async fn wait_for_results(app: &AppWindow, what: &str, ready: impl Fn(&[String]) -> bool) -> Result<Vec<String>> {
    app.wait_until(what, default_timeout(), async || {
        let texts = app.texts_of("client-result").await?;
        Ok(ready(&texts).then_some(texts))
    })
    .await
}

/// Signs in with a temporary password, chooses the real one, and waits until signed in.
pub async fn first_sign_in(app: &AppWindow, username: &str, temp: &str, new: &str, display_name: &str) -> Result<()> {
    submit_sign_in(app, username, temp).await?;
    change_temporary_password(app, temp, new).await?;
    app.wait_for_text("current-user", display_name, default_timeout()).await?;
    Ok(())
}

/// Clients, search for `query`, and open the only result, which must show `name`; waits for
/// that person's page.
pub async fn open_person(app: &AppWindow, query: &str, name: &str) -> Result<()> {
    app.click("nav-clients").await?;
    app.type_into("client-search", query).await?;
    wait_for_results(app, &format!("only {name} in results for {query:?}"), |r| r.len() == 1 && r[0].contains(name))
        .await?;
    app.click("client-result").await?;
    app.wait_for_text("person-name", name, default_timeout()).await?;
    Ok(())
}

/// Creates the demo clinic (accounts admin, counsellor and reception) in the profile's data
/// folder with `rekindle-admin demo`, before the app is opened on it.
pub fn create_demo_clinic(profile: &Profile) {
    let admin = app_binary().expect("find the app binary").with_file_name("rekindle-admin");
    assert!(
        admin.is_file(),
        "rekindle-admin is missing at {}: build it beside the app with \
         `cargo build -p rekindle-core --bin rekindle-admin` (same CARGO_TARGET_DIR)",
        admin.display()
    );
    let out = Command::new(&admin)
        .arg("--data-dir")
        .arg(profile.data_dir())
        .args(["demo", "--scale", "small"])
        .env("REKINDLE_PASSWORD", DEMO_PASSWORD)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", admin.display()));
    assert!(
        out.status.success(),
        "rekindle-admin demo failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("demo clinic: {}", String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or_default());
}
