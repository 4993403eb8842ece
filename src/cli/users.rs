//! The `user` commands: accounts created, roles given, passwords reset from
//! the command line.

use super::args::*;
use super::open::*;
use anyhow::Context;
use kinora_core::community::PendingImportId;
use kinora_store::Store;
use std::io::Write;

pub(crate) async fn run_user(
    cli: &Cli,
    user: &User,
    store: &Store,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    use crate::accounts;
    use kinora_core::community::Role;
    let find = |name: &str| {
        let name = name.to_owned();
        async move {
            store
                .account_by_name(&name)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no account named `{name}`"))
        }
    };
    match user {
        User::Add {
            name,
            email,
            display_name,
            admin,
            role,
        } => {
            let role = if *admin {
                Role::Admin
            } else {
                Role::parse(role).map_err(anyhow::Error::msg)?
            };
            let password = match std::env::var("KINORA_PASSWORD") {
                Ok(password) => password,
                Err(_) => rpassword::prompt_password(format!("Password for {name}: "))?,
            };
            let account = accounts::create_account(
                store,
                accounts::SignUp {
                    name: name.clone(),
                    display_name: display_name.clone().unwrap_or_default(),
                    email: email.clone().unwrap_or_default(),
                    password,
                    role,
                    by_visitor: false,
                },
            )
            .await?;
            writeln!(out, "created account {} ({})", account.name, account.role)?;
        }
        User::ResetLink { name, public_url } => {
            let account = find(name).await?;
            let token = accounts::reset_token(store, account.id).await?;
            writeln!(
                out,
                "{}/reset-password?token={token}",
                public_url.trim_end_matches('/')
            )?;
            eprintln!(
                "This link sets a new password for {} once, within {} hours.",
                account.name,
                accounts::RESET_HOURS
            );
        }
        User::Role { name, role } => {
            let account = find(name).await?;
            let role = Role::parse(role).map_err(anyhow::Error::msg)?;
            store
                .set_role(account.id, role, None, "set with kinora user role")
                .await?;
            writeln!(out, "{} is now {role}", account.name)?;
        }
        User::List => {
            for account in store.accounts().await? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    account.name, account.role, account.display_name, account.created_at
                )?;
            }
        }
        User::Import { name, file, format } => {
            use crate::community_import;
            let account = find(name).await?;
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let format = *format;
            let searcher = fresh_searcher(cli, store).await?;
            let file_name = file
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| file.display().to_string());
            let report = community_import::import_file(
                store, &searcher, account.id, &file_name, bytes, format,
            )
            .await?;
            writeln!(
                out,
                "imported {} into {}: {} diary entries added, {} already there; {} reviews; \
                 {} ratings; {} on the watchlist; {} lists; {} rows to settle (kinora user pending {}); \
                 {} films watched with no day or rating (not kept)",
                file.display(),
                account.name,
                report.diary_added,
                report.diary_skipped,
                report.reviews,
                report.ratings,
                report.watchlist,
                report.lists,
                report.pending,
                account.name,
                report.seen_without_date
            )?;
            if !report.unmatched.is_empty() {
                writeln!(
                    out,
                    "{} films matched no film of the catalog:",
                    report.unmatched.len()
                )?;
                for line in &report.unmatched {
                    writeln!(out, "  {line}")?;
                }
            }
        }
        User::Export {
            name,
            format,
            output,
        } => {
            let account = find(name).await?;
            let mut buffer = Vec::new();
            match format {
                HistoryExportFormat::Json => {
                    let value = crate::community_import::export_json(store, account.id).await?;
                    serde_json::to_writer_pretty(&mut buffer, &value)?;
                    buffer.push(b'\n');
                }
                HistoryExportFormat::Letterboxd => {
                    crate::community_import::export_letterboxd_csv(store, account.id, &mut buffer)
                        .await?;
                }
            }
            match output {
                Some(path) => std::fs::write(path, &buffer)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => out.write_all(&buffer)?,
            }
        }
        User::Pending { name } => {
            let account = find(name).await?;
            for pending in store.pending_imports(account.id).await? {
                writeln!(
                    out,
                    "{}",
                    crate::community_import::describe_pending(&pending)
                )?;
            }
        }
        User::Resolve {
            name,
            id,
            film,
            drop: _,
        } => {
            let account = find(name).await?;
            crate::community_import::resolve_pending(
                store,
                account.id,
                PendingImportId(*id),
                film.as_deref(),
            )
            .await?;
            match film {
                Some(film) => writeln!(out, "row #{id} settled as {film}")?,
                None => writeln!(out, "row #{id} dropped")?,
            }
        }
    }
    Ok(())
}
