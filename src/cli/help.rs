//! clap's own words in `--help`, in Vietnamese: the headings, the usage line's
//! `[OPTIONS]`, default and possible values, the -h and -V flags and the `help` command.

use clap::builder::PossibleValue;
use clap::{Arg, ArgAction, Command};

/// The name of the `help` command, and of its one argument.
pub(super) const HELP: &str = "help";
pub(super) const COMMAND: &str = "command";

const OPTIONS: &str = "Tùy chọn";
const ARGUMENTS: &str = "Đối số";

/// `command` with every word clap writes itself in Vietnamese, built: clap checks the
/// definition then (in debug builds), and the usage lines can be rewritten.
pub(super) fn vietnamese(command: Command) -> Command {
    let mut command = dress(command.disable_help_subcommand(true).subcommand(help_command()));
    command.build();
    // clap writes `[OPTIONS]` into the usage line itself; the only way around it is to
    // give its own line back, in other words.
    for sub in command.get_subcommands_mut() {
        let line = sub.render_usage().to_string();
        if line.contains("[OPTIONS]") {
            *sub = std::mem::take(sub).override_usage(usage(&line));
        }
    }
    command
}

/// A usage line of clap's, "Usage: sotay build [OPTIONS]", without its English heading
/// and placeholder: "sotay build [TÙY CHỌN]".
pub(super) fn usage(clap_usage: &str) -> String {
    let line = clap_usage.strip_prefix("Usage: ").unwrap_or(clap_usage);
    line.replace("[OPTIONS]", "[TÙY CHỌN]")
}

fn dress(command: Command) -> Command {
    let heading = command.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}Cách dùng:{} {{usage}}\n\n{{all-args}}{{after-help}}",
        heading.render(),
        heading.render_reset()
    );
    let command = command
        .help_template(template)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .mut_args(|arg| spell_out_values(with_heading(arg)));
    let long_help = command.get_long_about().is_some()
        || command.get_arguments().any(|arg| arg.get_long_help().is_some());
    command.arg(help_flag(long_help)).arg(version_flag()).mut_subcommands(dress)
}

/// clap heads its sections "Arguments" and "Options" unless an argument names its own.
fn with_heading(arg: Arg) -> Arg {
    if arg.get_help_heading().is_some() {
        return arg;
    }
    let heading = if arg.is_positional() { ARGUMENTS } else { OPTIONS };
    arg.help_heading(heading)
}

/// clap appends "[default: …]" and "[possible values: …]" to an argument's help, and a
/// "Possible values:" list to its long help; this says the same in Vietnamese.
fn spell_out_values(arg: Arg) -> Arg {
    // A flag's default, `false`, is not shown by clap either.
    if !arg.get_action().takes_values() {
        return arg;
    }
    let values: Vec<PossibleValue> = if arg.is_hide_possible_values_set() {
        Vec::new()
    } else {
        arg.get_possible_values().into_iter().filter(|value| !value.is_hide_set()).collect()
    };
    let defaults: Vec<String> = if arg.is_hide_default_value_set() {
        Vec::new()
    } else {
        arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect()
    };
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    // No-break spaces keep a note on one line when the help wraps, as clap's own do.
    let note = |label: &str, items: &[&str]| {
        format!("[{label}: {}]", items.join(", ")).replace(' ', "\u{a0}")
    };
    let defaults: Vec<&str> = defaults.iter().map(String::as_str).collect();
    let default_note =
        if defaults.is_empty() { String::new() } else { note("mặc định", &defaults) };
    let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
    let values_note = if names.is_empty() { String::new() } else { note("giá trị", &names) };
    let short: Vec<&str> = [help.as_str(), &default_note, &values_note]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let described: Vec<String> = values
        .iter()
        .filter_map(|v| Some(format!("- {}: {}", v.get_name(), v.get_help()?)))
        .collect();
    let arg = arg.help(short.join(" ")).hide_default_value(true).hide_possible_values(true);
    if described.is_empty() {
        return arg;
    }
    let mut long = format!("{help}\n\nGiá trị:\n{}", described.join("\n"));
    if !default_note.is_empty() {
        long = format!("{long}\n\n{default_note}");
    }
    arg.long_help(long)
}

fn help_flag(long_help: bool) -> Arg {
    let arg = Arg::new(HELP).short('h').long("help").action(ArgAction::Help).help_heading(OPTIONS);
    if long_help {
        arg.help("Hiện hướng dẫn (đầy đủ hơn với --help)")
            .long_help("Hiện hướng dẫn (bản tóm tắt với -h)")
    } else {
        arg.help("Hiện hướng dẫn này")
    }
}

fn version_flag() -> Arg {
    Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help("Hiện phiên bản của sotay")
        .help_heading(OPTIONS)
}

/// clap's own `help` command speaks English and cannot be told otherwise: this one takes
/// its place, and `cli::read` answers it as `--help` (an unknown command name is then
/// told as any other).
fn help_command() -> Command {
    Command::new(HELP)
        .about("Hiện hướng dẫn của sotay, hoặc của một lệnh")
        .arg(Arg::new(COMMAND).value_name("LỆNH").help("Lệnh cần xem hướng dẫn"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    /// Every help page, short (-h) and long (--help), of sotay and of each command.
    fn pages() -> Vec<String> {
        let mut command = vietnamese(Cli::command());
        let mut pages = vec![command.render_help(), command.render_long_help()];
        for sub in command.get_subcommands_mut() {
            pages.push(sub.render_help());
            pages.push(sub.render_long_help());
        }
        pages.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn no_help_page_keeps_clap_english() {
        let english = [
            "Usage",
            "Commands:",
            "Arguments:",
            "Options:",
            "[OPTIONS]",
            "COMMAND",
            "Print",
            "default",
            "possible values",
            "Possible values",
        ];
        for page in pages() {
            for word in english {
                assert!(!page.contains(word), "`{word}` in:\n{page}");
            }
            assert!(page.contains("\nCách dùng: sotay"), "{page}");
            assert!(page.contains("\nTùy chọn:\n"), "{page}");
            assert!(page.contains("-h, --help"), "{page}");
        }
    }

    #[test]
    fn defaults_and_possible_values_are_told_in_vietnamese() {
        let mut command = vietnamese(Cli::command());
        let Some(check) = command.find_subcommand_mut("check") else { panic!("no check") };
        let short = check.render_help().to_string().replace('\u{a0}', " ");
        assert!(short.contains("[mặc định: .]"), "{short}");
        assert!(short.contains("[mặc định: human] [giá trị: human, json]"), "{short}");
        let long = check.render_long_help().to_string().replace('\u{a0}', " ");
        assert!(long.contains("Giá trị:\n"), "{long}");
        assert!(long.contains("- json: Một tài liệu JSON"), "{long}");
    }

    #[test]
    fn the_help_command_and_positionals_have_vietnamese_headings() {
        let mut command = vietnamese(Cli::command());
        let root = command.render_help().to_string();
        assert!(root.contains("Cách dùng: sotay <LỆNH>\n\nLệnh:\n"), "{root}");
        assert!(root.contains("  help   Hiện hướng dẫn"), "{root}");
        let Some(new) = command.find_subcommand_mut("new") else { panic!("no new") };
        let new = new.render_help().to_string();
        assert!(new.contains("Cách dùng: sotay new [TÙY CHỌN] --ward <WARD>"), "{new}");
        assert!(new.contains("\nĐối số:\n  <PATH>"), "{new}");
    }

    #[test]
    fn a_usage_line_loses_only_its_english() {
        assert_eq!(usage("Usage: sotay new [OPTIONS] <PATH>"), "sotay new [TÙY CHỌN] <PATH>");
        assert_eq!(usage("sotay <LỆNH>"), "sotay <LỆNH>");
    }
}
