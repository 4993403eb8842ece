//! Progress of a long command: a bar on a terminal, log lines elsewhere.

/// A progress bar on a terminal; elsewhere, plain log lines every tenth.
pub fn progress_bar(total: u64, unit: &'static str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{{msg}} {{bar:40}} {{pos}}/{{len}} {unit} ({{eta}} left)"
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(total);
        let logged = bar.clone();
        std::thread::spawn(move || {
            // The length may be learnt after the bar is made.
            let step = || (logged.length().unwrap_or(0) / 10).max(1);
            let mut next = step();
            while !logged.is_finished() {
                if logged.position() >= next {
                    tracing::info!(
                        "{} {} of {} {unit}",
                        logged.message(),
                        logged.position(),
                        logged.length().unwrap_or(0)
                    );
                    next = logged.position() + step();
                }
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
        });
        bar
    }
}
