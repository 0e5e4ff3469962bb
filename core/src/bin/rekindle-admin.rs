//! `rekindle-admin`: the clinic's command line, for set-up, demo data, checks and listings.
//!
//! A thin layer over the same core functions the app uses: every subcommand signs in as an
//! account (`--user`, default `admin`) and is held to that account's roles.
//!
//! Exit codes: 0 done; 1 failed (or `verify` found a problem); 2 wrong usage; 3 refused
//! (sign-in failed, or the account may not do this).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Parser, Subcommand, ValueEnum};
use rekindle_core::clinic::ClinicProfile;
use rekindle_core::demo::{self, Scale};
use rekindle_core::people;
use rekindle_core::session::{self, Session, SetupInput};
use rekindle_core::{audit, backup, store, Error};
use zeroize::Zeroizing;

#[derive(Parser)]
#[command(name = "rekindle-admin", version, about = "Administer a Rekindle clinic from the command line.")]
struct Cli {
    /// The data folder (default: REKINDLE_DATA_DIR, or the per-user data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// The account to act as. Its password comes from REKINDLE_PASSWORD or a prompt.
    #[arg(long, global = true, default_value = "admin", value_name = "NAME")]
    user: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, encrypted clinic and its first administrator; prints the recovery key once.
    Init {
        /// The clinic's name, as printed on sheets.
        #[arg(long, value_name = "NAME")]
        clinic_name: String,
        /// The first administrator's username.
        #[arg(long, value_name = "USER")]
        admin: String,
        /// The first administrator's full name (default: the username).
        #[arg(long, value_name = "NAME")]
        admin_name: Option<String>,
    },
    /// Create the fictional demo clinic in an empty data folder (accounts admin, counsellor and
    /// reception, all with the password from REKINDLE_PASSWORD).
    Demo {
        #[arg(long, value_enum, default_value_t = DemoScale::Small)]
        scale: DemoScale,
    },
    /// Check the data file: SQLite integrity, SQLCipher page authentication, schema version,
    /// and the audit log's hash chain. Exits 0 only when all are good.
    Verify,
    /// List or extend the intake checklists (side effects, pain causes, ...).
    Checklist {
        #[command(subcommand)]
        action: ChecklistAction,
    },
    /// Add a questionnaire the clinic holds a licence for, from a JSON definition file
    /// (see `InstrumentDefinition` in core/src/measures.rs for the shape).
    ImportInstrument {
        /// The JSON file.
        file: PathBuf,
    },
    /// List clients: id, preferred name, archived.
    Clients {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Include archived clients.
        #[arg(long)]
        include_archived: bool,
    },
    /// Set the logo printed in the letterhead of every sheet (a PNG of at most 1 MB), or clear it.
    Logo {
        /// The PNG file.
        #[arg(long, value_name = "FILE.png", conflicts_with = "clear", required_unless_present = "clear")]
        file: Option<PathBuf>,
        /// Remove the logo.
        #[arg(long)]
        clear: bool,
    },
    /// List handout templates, or render a client's handout to a PDF file.
    Handout {
        #[command(subcommand)]
        action: HandoutAction,
    },
    /// Back the clinic up to a new file, checked before it counts (an administrator's account).
    /// A copy of the keyring is written beside it, so the folder alone restores the clinic.
    Backup {
        /// The backup file to write (it must not exist yet).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Put a backup in place of the clinic's data (an administrator's account). The backup is
    /// checked first; the replaced file is kept beside the data file as rekindle.db.replaced-….
    Restore {
        /// The backup file.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Give a client their whole record (a counsellor's account; audited): writes record.json
    /// (everything the clinic holds about them, the audit entries included) and record.pdf (the
    /// same, readable) into the folder, which is created if missing.
    Export {
        /// The client's id (see `rekindle-admin clients`).
        #[arg(long, value_name = "ID")]
        client: i64,
        /// The folder to write into; it must not hold an exported record already.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Export a counsellor's appointments as an iCalendar file.
    Calendar {
        #[command(subcommand)]
        action: CalendarAction,
    },
}

#[derive(Subcommand)]
enum CalendarAction {
    /// Write a counsellor's appointments to an .ics file (reception: anyone's; a counsellor:
    /// their own). Names who is coming and the room, nothing else.
    Export {
        /// The counsellor's username.
        #[arg(long, value_name = "USER")]
        counsellor: String,
        /// The .ics file to write.
        #[arg(long, value_name = "FILE.ics")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum HandoutAction {
    /// Print every handout template: slug, title and current version.
    List,
    /// Render a client's handout as a PDF (a counsellor's account: it is a clinical read, audited).
    Render {
        /// The client's id (see `rekindle-admin clients`).
        #[arg(long, value_name = "ID")]
        client: i64,
        /// A template's slug; `homework` is the client's current homework sheet.
        #[arg(long, value_name = "SLUG")]
        handout: String,
        /// The PDF file to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// Force a discreet sheet (or a full one with --discreet=false); default: the client's choice, then the clinic's.
        #[arg(long)]
        discreet: Option<bool>,
    },
}

#[derive(Subcommand)]
enum ChecklistAction {
    /// Print every item: list, code, label and group.
    List,
    /// Add the clinic's own item to a checklist.
    Add {
        /// diagnosis, treatment, agent_class, side_effect, body_image, emotional or pain_cause.
        #[arg(long)]
        list: String,
        #[arg(long)]
        label: String,
        /// Required for diagnosis (cancer, chronic) and pain_cause (physical, hormonal, emotional, arousal, chronic).
        #[arg(long)]
        group: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DemoScale {
    /// A handful of clients, couples and a polyamorous triad.
    Small,
    /// About 5,000 clients with ten years of history, for benchmarks.
    TenYears,
}

enum Failure {
    Refused(String),
    Failed(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            Error::SignInFailed | Error::Forbidden | Error::TooManyAttempts { .. } => Failure::Refused(e.to_string()),
            Error::Validation(fields) => Failure::Failed(
                fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("\n"),
            ),
            other => Failure::Failed(other.to_string()),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::Refused(m)) => {
            eprintln!("rekindle-admin: {m}");
            ExitCode::from(3)
        }
        Err(Failure::Failed(m)) => {
            eprintln!("rekindle-admin: {m}");
            ExitCode::from(1)
        }
    }
}

fn data_dir(cli: &Cli) -> Result<PathBuf, Failure> {
    match &cli.data_dir {
        Some(d) => Ok(d.clone()),
        None => Ok(store::data_dir(std::env::var_os("REKINDLE_DATA_DIR"))?),
    }
}

fn password(prompt: &str, confirm: bool) -> Result<Zeroizing<String>, Failure> {
    if let Some(p) = std::env::var_os("REKINDLE_PASSWORD") {
        return p
            .into_string()
            .map(Zeroizing::new)
            .map_err(|_| Failure::Failed("REKINDLE_PASSWORD is not valid text.".into()));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Failed("No password: set REKINDLE_PASSWORD or run in a terminal to be asked.".into()));
    }
    let first = Zeroizing::new(
        rpassword::prompt_password(prompt).map_err(|_| Failure::Failed("Could not read the password.".into()))?,
    );
    if confirm {
        let again = Zeroizing::new(
            rpassword::prompt_password("Again, to confirm: ")
                .map_err(|_| Failure::Failed("Could not read the password.".into()))?,
        );
        if *first != *again {
            return Err(Failure::Failed("The two passwords differ.".into()));
        }
    }
    Ok(first)
}

fn sign_in(cli: &Cli, dir: &std::path::Path) -> Result<Session, Failure> {
    let pw = password(&format!("Password for {}: ", cli.user), false)?;
    Ok(session::sign_in(dir, &cli.user, &pw, Utc::now())?)
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let dir = data_dir(&cli)?;
    match &cli.command {
        Command::Init { clinic_name, admin, admin_name } => {
            let pw = password(&format!("New password for {admin}: "), true)?;
            let input = SetupInput {
                clinic: ClinicProfile { name: clinic_name.clone(), address: None, phone: None, email: None },
                admin_username: admin.clone(),
                admin_display_name: admin_name.clone().unwrap_or_else(|| admin.clone()),
                admin_password: pw.to_string(),
                also_counsellor: false,
            };
            let (s, recovery) = session::set_up(&dir, &input, Utc::now())?;
            s.sign_out(Utc::now())?;
            println!("Created the clinic in {}.", dir.display());
            println!();
            println!("Recovery key (shown once; store it away from this computer):");
            println!();
            println!("    {}", recovery.as_str());
            println!();
            println!("It resets an administrator's password if every administrator password is lost.");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { scale } => {
            let pw = password("Password for the demo accounts: ", true)?;
            let scale = match scale {
                DemoScale::Small => Scale::Small,
                DemoScale::TenYears => Scale::TenYears,
            };
            let started = std::time::Instant::now();
            let r = demo::create(&dir, scale, &pw, Utc::now())?;
            println!(
                "Created the demo clinic in {} in {:.1} s: {} accounts (admin, counsellor, reception), {} clients, {} partners, {} relationships, {} planned or held sessions.",
                dir.display(),
                started.elapsed().as_secs_f64(),
                r.accounts,
                r.clients,
                r.partners,
                r.relationships,
                r.sessions
            );
            println!("Recovery key: {}", r.recovery_key);
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify => {
            let s = sign_in(&cli, &dir)?;
            s.actor().require(rekindle_core::access::Permission::ManageAccounts)?;
            let report = store::verify(s.connection())?;
            let chain = audit::verify_chain(s.connection())?;
            let mark = |ok: bool| if ok { "ok  " } else { "FAIL" };
            println!("{} SQLite integrity_check: {}", mark(report.integrity == "ok"), report.integrity);
            println!(
                "{} SQLCipher cipher_integrity_check: {}",
                mark(report.cipher_integrity_problems.is_empty()),
                if report.cipher_integrity_problems.is_empty() {
                    "every page authenticates".to_string()
                } else {
                    report.cipher_integrity_problems.join("; ")
                }
            );
            println!(
                "{} schema version: {} (this program expects {})",
                mark(report.schema_version == report.expected_schema_version),
                report.schema_version,
                report.expected_schema_version
            );
            println!(
                "{} audit log hash chain: {}",
                mark(chain.is_none()),
                match chain {
                    None => "intact".to_string(),
                    Some(id) => format!("broken at entry {id}"),
                }
            );
            s.sign_out(Utc::now())?;
            Ok(if report.is_good() && chain.is_none() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Checklist { action } => {
            let mut s = sign_in(&cli, &dir)?;
            match action {
                ChecklistAction::List => {
                    for i in s.read(rekindle_core::intake::checklists)? {
                        println!("{:<12} {:<28} {:<50} {}", i.list, i.code, i.label, i.group.unwrap_or_default());
                    }
                }
                ChecklistAction::Add { list, label, group } => {
                    let item = s.write(|tx, a| {
                        rekindle_core::intake::add_checklist_item(tx, a, list, label, group.as_deref())
                    })?;
                    println!("Added {} to {} as {}.", item.label, item.list, item.code);
                }
            }
            s.sign_out(Utc::now())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::ImportInstrument { file } => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| Failure::Failed(format!("Could not read {}: {e}", file.display())))?;
            let def: rekindle_core::measures::InstrumentDefinition = serde_json::from_str(&text)
                .map_err(|e| Failure::Failed(format!("{} is not a questionnaire definition: {e}", file.display())))?;
            let mut s = sign_in(&cli, &dir)?;
            let i = s.write(|tx, a| rekindle_core::measures::import_instrument(tx, a, &def))?;
            println!("Added {} ({} items, totals 0 to {}).", i.title, i.items.len(), i.max_total());
            s.sign_out(Utc::now())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Logo { file, .. } => {
            let bytes = match file {
                Some(f) => Some(
                    std::fs::read(f).map_err(|e| Failure::Failed(format!("Could not read {}: {e}", f.display())))?,
                ),
                None => None,
            };
            let mut s = sign_in(&cli, &dir)?;
            s.write(|tx, a| rekindle_core::handouts::set_logo(tx, a, bytes.as_deref(), Utc::now()))?;
            println!("{}", if bytes.is_some() { "The logo is set." } else { "The logo is cleared." });
            s.sign_out(Utc::now())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Handout { action } => {
            let mut s = sign_in(&cli, &dir)?;
            match action {
                HandoutAction::List => {
                    println!("{:<24}  {:<40}  version", "slug", "title");
                    for h in s.read(rekindle_core::handouts::list)? {
                        println!("{:<24}  {:<40}  {}", h.slug, h.title, h.version);
                    }
                }
                HandoutAction::Render { client, handout, out, discreet } => {
                    let opts = rekindle_core::handouts::PrintOptions {
                        person_id: *client,
                        handout: handout.clone(),
                        discreet: *discreet,
                        include_diagnosis: false,
                    };
                    let (now, today) = (Utc::now(), chrono::Local::now().date_naive());
                    let r = s.write(|tx, a| rekindle_core::handouts::render_for_cli(tx, a, &opts, now, today))?;
                    std::fs::write(out, &r.pdf)
                        .map_err(|e| Failure::Failed(format!("Could not write {}: {e}", out.display())))?;
                    println!("Wrote {} ({} pages, {} v{}).", out.display(), r.pages.len(), handout, r.version);
                }
            }
            s.sign_out(Utc::now())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { out } => {
            let mut s = sign_in(&cli, &dir)?;
            let done = backup::back_up_to_file(&mut s, out, Utc::now())?;
            s.sign_out(Utc::now())?;
            println!(
                "Backed up to {} ({:.1} MB in {:.1} s), checked: it opens, every page authenticates and the audit chain is intact.",
                done.file.display(),
                done.bytes as f64 / 1e6,
                done.millis as f64 / 1e3
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { from } => {
            if session::state(&dir)? == session::SetupState::NotSetUp {
                let pw = password(&format!("Password for {}: ", cli.user), false)?;
                backup::restore_into_empty(&dir, from, &cli.user, &pw, Utc::now())?;
                println!("Restored the clinic into {} from {}.", dir.display(), from.display());
                return Ok(ExitCode::SUCCESS);
            }
            let s = sign_in(&cli, &dir)?;
            let kept = backup::restore(s, from, Utc::now())?;
            println!("Restored from {}. The replaced data file is kept as {}.", from.display(), kept.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { client, out } => {
            let mut s = sign_in(&cli, &dir)?;
            let e = s.write(|tx, a| rekindle_core::data_rights::export(tx, a, *client, Utc::now()))?;
            let written = rekindle_core::data_rights::export::write_files(out, &e)?;
            for f in &written.files {
                println!("Wrote {f}");
            }
            s.sign_out(Utc::now())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Calendar { action: CalendarAction::Export { counsellor, out } } => {
            let mut s = sign_in(&cli, &dir)?;
            let id = s.read(|c, a| rekindle_core::scheduling::ics::counsellor_by_username(c, a, counsellor))?;
            let text = s.write(|tx, a| rekindle_core::scheduling::ics::export(tx, a, id, Utc::now()))?;
            std::fs::write(out, text.as_bytes())
                .map_err(|e| Failure::Failed(format!("Could not write {}: {e}", out.display())))?;
            let events = text.matches("BEGIN:VEVENT").count();
            println!("Wrote {} ({events} events).", out.display());
            s.sign_out(Utc::now())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Clients { json, include_archived } => {
            let s = sign_in(&cli, &dir)?;
            let list = s.read(|conn, actor| people::list_clients(conn, actor, *include_archived))?;
            if *json {
                let rows: Vec<serde_json::Value> = list
                    .iter()
                    .map(|p| serde_json::json!({ "id": p.id, "preferredName": p.display_name, "archived": p.archived }))
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|_| Failure::Failed("Could not write JSON.".into()))?
                );
            } else {
                println!("{:>6}  {:<40}  archived", "id", "preferred name");
                for p in &list {
                    println!("{:>6}  {:<40}  {}", p.id, p.display_name, if p.archived { "yes" } else { "no" });
                }
            }
            s.sign_out(Utc::now())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
