//! clap's usage errors retold in Vietnamese, each with the usage line and where to read
//! more. A kind not retold here, or a detail not understood, keeps clap's own message:
//! nothing the user needs is lost, it is only in English.

use std::ffi::OsString;
use std::io::Write;

use clap::Command;
use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use super::{Stop, help};

/// Prints what the error says: help and the version on stdout, everything else on stderr.
pub(super) fn print(error: &Error, command: &Command, args: &[OsString]) -> Stop {
    // A reader that stops early (`sotay --help | head -1`) is no failure, so a failed
    // write is let go, as clap's own `exit` does.
    match explain(error, command, args) {
        Some(text) => {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
        None => {
            let _ = error.print();
        }
    }
    if error.use_stderr() { Stop::Refused } else { Stop::Answered }
}

/// The Vietnamese text of a usage error, or `None` to let clap print its own (help, the
/// version, and anything this module does not know how to retell).
fn explain(error: &Error, command: &Command, args: &[OsString]) -> Option<String> {
    let scope = scope(command, args);
    let mut text = format!("lỗi: {}", what(error, command, &scope)?);
    for tip in tips(error, &scope)? {
        text.push_str(&format!("\n  gợi ý: {tip}"));
    }
    if let Some(ContextValue::StyledStr(line)) = error.get(ContextKind::Usage) {
        text.push_str(&format!("\n\nCách dùng: {}", help::usage(&line.to_string())));
    }
    text.push_str(&format!("\n\nXem thêm: {scope} --help"));
    Some(text)
}

/// The command the mistake was made in, as typed: "sotay" or "sotay build". sotay's
/// commands have no commands of their own and the program takes no option before one,
/// so it is the first argument when that names a command.
fn scope(command: &Command, args: &[OsString]) -> String {
    let program = command.get_name();
    let sub = args.get(1).and_then(|arg| arg.to_str());
    match sub.filter(|name| command.find_subcommand(name).is_some()) {
        Some(name) => format!("{program} {name}"),
        None => program.to_string(),
    }
}

/// What went wrong, with the hints clap worked out for this kind of mistake.
fn what(error: &Error, command: &Command, scope: &str) -> Option<String> {
    let text = match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = string(error, ContextKind::InvalidSubcommand)?;
            let similar = strings(error, ContextKind::SuggestedSubcommand);
            let hint = if similar.is_empty() {
                let names: Vec<&str> = command.get_subcommands().map(Command::get_name).collect();
                format!("các lệnh là {}", names.join(", "))
            } else {
                format!("có phải bạn muốn gõ {}?", either(similar))
            };
            format!("`{}` không có lệnh `{name}`\n  gợi ý: {hint}", command.get_name())
        }
        ErrorKind::UnknownArgument => {
            let arg = string(error, ContextKind::InvalidArg)?;
            let mut text = if arg.starts_with('-') {
                format!("`{scope}` không có tùy chọn `{arg}`")
            } else {
                format!("`{scope}` không nhận thêm đối số `{arg}`")
            };
            if let Some(similar) = string(error, ContextKind::SuggestedArg) {
                text.push_str(&format!("\n  gợi ý: có phải bạn muốn gõ `{similar}`?"));
            }
            text
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(error, ContextKind::InvalidArg);
            if missing.is_empty() {
                return None;
            }
            format!("còn thiếu phần bắt buộc:\n  {}", missing.join("\n  "))
        }
        ErrorKind::MissingSubcommand => {
            let name = string(error, ContextKind::InvalidSubcommand)?;
            let names = strings(error, ContextKind::ValidSubcommand);
            format!("`{name}` cần một lệnh\n  gợi ý: các lệnh là {}", names.join(", "))
        }
        ErrorKind::InvalidValue => {
            let arg = string(error, ContextKind::InvalidArg)?;
            let value = string(error, ContextKind::InvalidValue)?;
            let mut text = if value.is_empty() {
                format!("`{arg}` cần một giá trị đi kèm")
            } else {
                format!("`{value}` không phải giá trị hợp lệ của `{arg}`")
            };
            let valid = strings(error, ContextKind::ValidValue);
            if !valid.is_empty() {
                text.push_str(&format!("\n  các giá trị hợp lệ: {}", valid.join(", ")));
            }
            if let Some(similar) = string(error, ContextKind::SuggestedValue) {
                text.push_str(&format!("\n  gợi ý: có phải bạn muốn gõ `{similar}`?"));
            }
            text
        }
        ErrorKind::ValueValidation => {
            let arg = string(error, ContextKind::InvalidArg)?;
            let value = string(error, ContextKind::InvalidValue)?;
            // sotay's own value parsers say why in Vietnamese (`cli::year`…).
            let why = std::error::Error::source(error).map(|why| format!(": {why}"));
            let why = why.unwrap_or_default();
            if value.trim().is_empty() {
                format!("`{arg}`{why}")
            } else {
                format!("`{arg}` không nhận `{value}`{why}")
            }
        }
        ErrorKind::TooManyValues => {
            let arg = string(error, ContextKind::InvalidArg)?;
            let value = string(error, ContextKind::InvalidValue)?;
            format!("`{arg}` không nhận thêm giá trị `{value}`")
        }
        ErrorKind::TooFewValues => {
            let arg = string(error, ContextKind::InvalidArg)?;
            let least = number(error, ContextKind::MinValues)?;
            let given = number(error, ContextKind::ActualNumValues)?;
            format!("`{arg}` cần ít nhất {least} giá trị, mới có {given}")
        }
        ErrorKind::WrongNumberOfValues => {
            let arg = string(error, ContextKind::InvalidArg)?;
            let expected = number(error, ContextKind::ExpectedNumValues)?;
            let given = number(error, ContextKind::ActualNumValues)?;
            format!("`{arg}` cần đúng {expected} giá trị, lại có {given}")
        }
        ErrorKind::ArgumentConflict => conflict(error)?,
        ErrorKind::NoEquals => {
            let arg = string(error, ContextKind::InvalidArg)?;
            format!("`{arg}` cần dấu `=` trước giá trị, ví dụ `{arg}=…`")
        }
        ErrorKind::InvalidUtf8 => "có đối số không phải văn bản UTF-8 hợp lệ".to_string(),
        _ => return None,
    };
    Some(text)
}

/// An option given twice, or two that do not go together.
fn conflict(error: &Error) -> Option<String> {
    let first = match string(error, ContextKind::InvalidArg) {
        Some(arg) => format!("`{arg}`"),
        None => format!("lệnh `{}`", string(error, ContextKind::InvalidSubcommand)?),
    };
    let prior = error.get(ContextKind::PriorArg);
    if let Some(ContextValue::String(prior)) = prior {
        if Some(prior.as_str()) == string(error, ContextKind::InvalidArg) {
            return Some(format!("{first} chỉ được ghi một lần"));
        }
        return Some(format!("{first} không dùng chung được với `{prior}`"));
    }
    let others = strings(error, ContextKind::PriorArg);
    if others.is_empty() {
        return Some(format!("{first} không dùng chung được với những gì đã ghi"));
    }
    Some(format!("{first} không dùng chung được với:\n  {}", others.join("\n  ")))
}

/// clap's extra hints, already written out in English: the few shapes clap 4 writes are
/// retold; any other makes the whole message clap's own (`None`).
fn tips(error: &Error, scope: &str) -> Option<Vec<String>> {
    let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) else {
        return Some(Vec::new());
    };
    tips.iter().map(|tip| retell(&tip.to_string(), scope)).collect()
}

fn retell(tip: &str, scope: &str) -> Option<String> {
    if let Some(rest) = tip.strip_prefix("to pass '") {
        let (value, example) = rest.split_once("' as a value, use '")?;
        let example = example.strip_suffix('\'')?;
        return Some(format!("để dùng `{value}` làm giá trị, hãy gõ `{example}`"));
    }
    if let Some(rest) = tip.strip_prefix("subcommand '") {
        let name = rest.strip_suffix("' exists; to use it, remove the '--' before it")?;
        return Some(format!("có lệnh `{name}`; muốn dùng lệnh đó thì bỏ `--` phía trước"));
    }
    let elsewhere = tip.strip_prefix('\'')?.strip_suffix("' exists")?;
    Some(format!("tùy chọn này đi sau tên lệnh: `{scope} {elsewhere}`"))
}

fn string(error: &Error, kind: ContextKind) -> Option<&str> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text),
        _ => None,
    }
}

fn strings(error: &Error, kind: ContextKind) -> &[String] {
    match error.get(kind) {
        Some(ContextValue::Strings(texts)) => texts,
        Some(ContextValue::String(text)) => std::slice::from_ref(text),
        _ => &[],
    }
}

fn number(error: &Error, kind: ContextKind) -> Option<isize> {
    match error.get(kind)? {
        ContextValue::Number(n) => Some(*n),
        _ => None,
    }
}

/// "`a`", "`a` hay `b`", "`a`, `b` hay `c`".
fn either(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} hay {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::{Cli, read};

    /// What sotay says when run with `args`, which must be a usage mistake.
    fn told(args: &[&str]) -> String {
        let mut command = help::vietnamese(Cli::command());
        let args: Vec<OsString> =
            std::iter::once("sotay").chain(args.iter().copied()).map(OsString::from).collect();
        let error = read(&mut command, &args).unwrap_err();
        assert!(error.use_stderr(), "{error}");
        explain(&error, &command, &args).unwrap_or_else(|| panic!("left to clap: {error}"))
    }

    #[test]
    fn an_unknown_command_is_named_with_the_similar_one() {
        let text = told(&["biuld"]);
        assert!(text.starts_with("lỗi: `sotay` không có lệnh `biuld`\n"), "{text}");
        assert!(text.contains("gợi ý: có phải bạn muốn gõ `build`?"), "{text}");
        assert!(text.contains("\n\nCách dùng: sotay <LỆNH>\n\nXem thêm: sotay --help"), "{text}");
        let far = told(&["xuatban"]);
        assert!(far.contains("gợi ý: các lệnh là build, check, new, init, serve, help"), "{far}");
        assert!(told(&["help", "biuld"]).contains("`build`?"));
    }

    #[test]
    fn an_unknown_option_is_named_in_its_command() {
        let text = told(&["build", "--stric"]);
        assert!(text.starts_with("lỗi: `sotay build` không có tùy chọn `--stric`\n"), "{text}");
        assert!(text.contains("gợi ý: có phải bạn muốn gõ `--strict`?"), "{text}");
        assert!(
            text.ends_with("Cách dùng: sotay build [TÙY CHỌN]\n\nXem thêm: sotay build --help")
        );
        let early = told(&["--drafts", "build"]);
        assert!(early.contains("đi sau tên lệnh: `sotay build --drafts`"), "{early}");
        assert!(told(&["init", "a", "b"]).contains("không nhận thêm đối số `b`"));
    }

    #[test]
    fn clap_tips_written_in_english_are_retold() {
        assert!(
            told(&["init", "--x"]).contains("gợi ý: để dùng `--x` làm giá trị, hãy gõ `-- --x`")
        );
        assert!(
            told(&["--", "build"])
                .contains("gợi ý: có lệnh `build`; muốn dùng lệnh đó thì bỏ `--`")
        );
    }

    #[test]
    fn missing_arguments_are_listed_with_the_usage() {
        let text = told(&["new"]);
        assert!(text.starts_with("lỗi: còn thiếu phần bắt buộc:\n  --ward <WARD>\n"), "{text}");
        assert!(text.contains("\n  <PATH>\n"), "{text}");
        assert!(text.contains("Cách dùng: sotay new [TÙY CHỌN] --ward <WARD>"), "{text}");
        assert!(told(&["build", "--out"]).starts_with("lỗi: `--out <OUT>` cần một giá trị đi kèm"));
    }

    #[test]
    fn a_wrong_value_is_told_with_the_values_accepted() {
        let text = told(&["check", "--format", "jsn"]);
        assert!(text.starts_with("lỗi: `jsn` không phải giá trị hợp lệ của `--format <FORMAT>`"));
        assert!(text.contains("\n  các giá trị hợp lệ: human, json\n"), "{text}");
        assert!(text.contains("gợi ý: có phải bạn muốn gõ `json`?"), "{text}");
        let year = told(&["new", "a.md", "--ward", "P", "--year", "1800", "--directive", "d"]);
        assert!(year.contains("`--year <YEAR>` không nhận `1800`: phải là một năm từ 1900"));
        let blank = told(&["new", "a.md", "--ward", " "]);
        assert!(blank.starts_with("lỗi: `--ward <WARD>`: không được để trống\n"), "{blank}");
    }

    #[test]
    fn an_option_given_twice_is_refused_once() {
        let text = told(&["build", "--root", "a", "--root", "b"]);
        assert!(text.starts_with("lỗi: `--root <ROOT>` chỉ được ghi một lần\n"), "{text}");
    }

    #[test]
    fn help_the_version_and_what_is_not_understood_are_left_to_clap() {
        let mut command = help::vietnamese(Cli::command());
        for args in [&["sotay", "--help"][..], &["sotay", "build", "-V"], &["sotay", "help", "new"]]
        {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            let error = read(&mut command, &args).unwrap_err();
            assert!(!error.use_stderr(), "{error}");
            assert_eq!(explain(&error, &command, &args), None);
        }
        let help_new = read(&mut command, &["sotay".into(), "help".into(), "new".into()]);
        assert!(help_new.unwrap_err().to_string().contains("Cách dùng: sotay new"));
        let bare = Error::raw(ErrorKind::InvalidValue, "something clap knows better");
        assert_eq!(explain(&bare, &command, &[]), None);
        assert_eq!(retell("a tip clap never wrote before", "sotay"), None);
    }

    #[test]
    fn either_joins_like_a_sentence() {
        let names = |list: &[&str]| list.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(either(&names(&["a"])), "`a`");
        assert_eq!(either(&names(&["a", "b", "c"])), "`a`, `b` hay `c`");
    }
}
