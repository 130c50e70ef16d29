//! sotay: a static site generator for Vietnamese lessons-learned articles. `main` parses
//! the command line, runs the command, prints what happened and decides the exit code.

mod alloc;
mod build;
mod chart;
mod cli;
mod config;
mod diagnostic;
mod front_matter;
mod i18n;
mod links;
mod load;
mod markdown;
mod mentions;
mod model;
mod output;
mod progress;
mod province;
mod related;
mod render;
mod scaffold;
mod search;
mod serve;
mod terms;
mod vi;

#[cfg(test)]
mod proptests;

use std::process::ExitCode;

use crate::build::{Failure, Options, Report, Target};
use crate::cli::{Command, Format, Stop};
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;

/// Exit codes: 0 ok, 1 content errors, 2 usage (clap uses 2 for its own errors too).
const CONTENT_ERROR: u8 = 1;
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    alloc::tune();
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(Stop::Answered) => return ExitCode::SUCCESS,
        Err(Stop::Refused) => return ExitCode::from(USAGE_ERROR),
    };
    match cli.command {
        Command::Build(args) => {
            let out = args.out.unwrap_or_else(|| args.site.root.join("public"));
            let options = Options {
                root: args.site.root,
                out: Target::Folder(out),
                drafts: args.site.drafts,
                strict: args.site.strict,
                base_url: args.base_url,
                force: args.force,
                exits: true,
            };
            finish(build::build(&options), Format::Human, true)
        }
        Command::Check(args) => {
            let options = Options {
                root: args.site.root,
                drafts: args.site.drafts,
                strict: args.site.strict,
                exits: true,
                ..Options::default()
            };
            finish(build::build(&options), args.format, false)
        }
        Command::New(args) => new(args),
        Command::Serve(args) => {
            let options = serve::Options {
                root: args.root,
                bind: args.bind,
                port: args.port,
                drafts: args.drafts,
                open: args.open,
            };
            match serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(serve::ServeError::Port(lang, message)) => {
                    eprintln!("{}: {message}", lang.error_word());
                    ExitCode::from(USAGE_ERROR)
                }
                Err(serve::ServeError::Io(lang, message)) => {
                    eprintln!("{}: {message}", lang.error_word());
                    ExitCode::from(CONTENT_ERROR)
                }
            }
        }
        Command::Init(args) => init(args),
    }
}

/// `sotay new`: an article skeleton, in the site's language.
fn new(args: cli::NewArgs) -> ExitCode {
    let article = scaffold::NewArticle {
        title: args.title,
        ward: args.ward,
        district: args.district,
        province: args.province,
        year: args.year,
        directive: args.directive,
        theme: args.theme,
    };
    let lang = scaffold::site_language(&args.root);
    let error = lang.error_word();
    let path = match scaffold::new_article_path(&args.root, &args.path, lang) {
        Ok(path) => load::display_path(&args.root.join(path)),
        Err(refused) => {
            let hint = lang.pick("gợi ý", "hint");
            eprintln!("{error}: {}\n  {hint}: {}", refused.message, refused.hint);
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let shown = path.display();
    match scaffold::new_article(&path, &article, lang) {
        Ok(()) => {
            say(format_args!("{} {shown}", lang.pick("Đã tạo", "Created")));
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            match lang {
                Lang::Vi => eprintln!("{error}: đã có tệp {shown}; sotay new không ghi đè"),
                Lang::En => {
                    eprintln!("{error}: {shown} already exists; sotay new never writes over a file")
                }
            }
            ExitCode::from(USAGE_ERROR)
        }
        Err(e) => {
            let e = lang.os_error(&e);
            match lang {
                Lang::Vi => eprintln!("{error}: không tạo được {shown}: {e}"),
                Lang::En => eprintln!("{error}: could not create {shown}: {e}"),
            }
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// `sotay init`: a new site in the language asked for.
fn init(args: cli::InitArgs) -> ExitCode {
    let lang = Lang::from(args.language);
    let error = lang.error_word();
    match scaffold::init(&args.dir, lang) {
        Ok(created) => {
            for path in created {
                say(format_args!("{} {}", lang.pick("Đã tạo", "Created"), path.display()));
            }
            let dir = args.dir.display();
            match lang {
                Lang::Vi => say(format_args!(
                    "Xem thử: sotay build --root {dir} && mở {dir}/public/index.html"
                )),
                Lang::En => say(format_args!(
                    "Preview: sotay build --root {dir} && open {dir}/public/index.html"
                )),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let dir = args.dir.display();
            // `init`'s own refusal (a folder not empty) is in the language already.
            let e = match e.kind() {
                std::io::ErrorKind::AlreadyExists => e.to_string(),
                _ => lang.os_error(&e),
            };
            match lang {
                Lang::Vi => eprintln!("{error}: không tạo được trang ở {dir}: {e}"),
                Lang::En => eprintln!("{error}: could not make a site in {dir}: {e}"),
            }
            ExitCode::from(USAGE_ERROR)
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], lang: Lang) {
    for d in diagnostics {
        eprintln!("{}\n", d.display(lang));
    }
}

fn json_report(diagnostics: &[Diagnostic], ok: bool) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let report = serde_json::json!({
        "ok": ok,
        "errors": errors,
        "warnings": diagnostics.len() - errors,
        "diagnostics": diagnostics,
    });
    say(format_args!("{report:#}"));
}

/// Writes a line to standard output. A reader that stops early (`sotay check --format
/// json | head`) is no failure: the rest was not wanted.
fn say(line: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(e) = writeln!(std::io::stdout().lock(), "{line}") {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("lỗi: {e}");
        }
    }
}

/// Seconds with the decimal separator of the language: "0,42" in Vietnamese.
fn seconds(report: &Report) -> String {
    let text = format!("{:.2}", report.elapsed.as_secs_f64());
    match report.lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

fn finish(result: Result<Report, Failure>, format: Format, wrote: bool) -> ExitCode {
    match result {
        Ok(report) => {
            match format {
                Format::Json => json_report(&report.diagnostics, true),
                Format::Human => print_diagnostics(&report.diagnostics, report.lang),
            }
            if std::env::var_os("SOTAY_TIMINGS").is_some() {
                for timing in &report.timings {
                    let mib = timing.resident.map_or("?".into(), |b| (b >> 20).to_string());
                    let ms = timing.time.as_secs_f64() * 1000.0;
                    let cpu = timing.cpu.map_or("?".into(), |c| c.as_millis().to_string());
                    eprintln!("  {:<14} {mib:>6} MiB {cpu:>7} ms cpu {ms:>8.1} ms", timing.stage);
                }
            }
            let lang = report.lang;
            let articles = lang.count(report.articles, "bài viết", "article", "articles");
            let line = match (lang, wrote) {
                (Lang::Vi, true) => format!(
                    "Đã dựng {articles}, {} trang trong {} giây.",
                    report.pages,
                    seconds(&report)
                ),
                (Lang::En, true) => format!(
                    "Built {articles}, {} in {} s.",
                    lang.count(report.pages, "trang", "page", "pages"),
                    seconds(&report)
                ),
                (Lang::Vi, false) => {
                    format!("Đã kiểm tra {articles}, không có lỗi ({} giây).", seconds(&report))
                }
                (Lang::En, false) => {
                    format!("Checked {articles}, no errors ({} s).", seconds(&report))
                }
            };
            if matches!(format, Format::Human) {
                if let Some(aside) = &report.moved_aside {
                    let aside = aside.display();
                    eprintln!(
                        "{}",
                        report.lang.pick(
                            format!("Nội dung cũ của thư mục kết quả được cất sang `{aside}`."),
                            format!("The output folder's previous content was moved to `{aside}`."),
                        )
                    );
                }
                eprintln!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Content { lang, diagnostics }) => {
            match format {
                Format::Json => json_report(&diagnostics, false),
                Format::Human => {
                    print_diagnostics(&diagnostics, lang);
                    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                    let warnings = diagnostics.len() - errors;
                    let mut line = lang.pick("Dừng: ", "Stopped: ").to_string()
                        + &lang.count(errors, "lỗi", "error", "errors")
                        + ", "
                        + &lang.count(warnings, "cảnh báo", "warning", "warnings")
                        + ".";
                    // `check` never writes, so it has no previous site to keep.
                    if wrote {
                        line.push_str(lang.pick(
                            " Trang cũ (nếu có) được giữ nguyên.",
                            " The previous site, if any, is unchanged.",
                        ));
                    }
                    eprintln!("{line}");
                }
            }
            ExitCode::from(CONTENT_ERROR)
        }
        Err(Failure::Refused(lang, refused)) => {
            eprintln!("{}: {}", lang.error_word(), refused.0);
            ExitCode::from(USAGE_ERROR)
        }
        Err(Failure::Io(lang, message)) => {
            eprintln!("{}: {message}", lang.error_word());
            ExitCode::from(CONTENT_ERROR)
        }
    }
}
