//! The command line. Doc comments here are the `--help` text, in Vietnamese like every
//! message: the command line is read before any sotay.yaml could choose a language.
//! `help.rs` puts clap's own words (headings, -h, -V, `help`) into Vietnamese and
//! `usage_error.rs` retells its usage errors.

mod help;
mod usage_error;

use std::ffi::OsString;
use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// sotay (sổ tay): dựng trang web từ một thư mục bài học kinh nghiệm, để xem theo chỉ
/// thị, địa phương, năm và chủ đề.
#[derive(Debug, Parser)]
#[command(name = "sotay", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Dựng trang web vào thư mục kết quả (mặc định là public/).
    Build(BuildArgs),
    /// Kiểm tra mọi bài viết, liên kết và mẫu trang (dựng thử mọi trang), không ghi tệp nào.
    Check(CheckArgs),
    /// Tạo một bài viết mới có sẵn phần đầu hợp lệ, chỉ việc điền nội dung.
    New(NewArgs),
    /// Tạo một trang mới: tệp cấu hình, thư mục content/ và một bài mẫu.
    Init(InitArgs),
    /// Dựng trang trong bộ nhớ để xem thử, dựng lại mỗi khi bạn lưu tệp; trang đang mở
    /// tự tải lại. Không bao giờ ghi vào public/.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Thư mục của trang (chứa content/ và tệp sotay.yaml nếu có).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Đưa cả các bài nháp (có `draft: true`) vào trang.
    #[arg(long)]
    pub drafts: bool,
    /// Coi cảnh báo (khóa lạ trong phần đầu…) là lỗi.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Thư mục kết quả [mặc định: ROOT/public].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Địa chỉ đầy đủ nơi trang được đăng (thay cho base_url trong sotay.yaml).
    #[arg(long, value_parser = base_url)]
    pub base_url: Option<String>,
    /// Thay cả thư mục kết quả không do sotay tạo; nội dung cũ được dời sang chỗ khác,
    /// không bao giờ bị xóa.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    /// Thông báo cho người đọc, kèm dòng có lỗi và gợi ý sửa.
    #[default]
    Human,
    /// Một tài liệu JSON trên stdout, cho CI.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Cách báo các vấn đề tìm thấy.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Đường dẫn của tệp Markdown mới trong content/, ví dụ content/quan-10/phuong-12-2024.md
    /// (đường dẫn tuyệt đối vào content/ của trang cũng được).
    pub path: PathBuf,
    /// Thư mục của trang (có sotay.yaml hoặc content/); bài mới được ghi vào content/ của nó.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Tiêu đề bài viết.
    #[arg(long, value_parser = filled)]
    pub title: Option<String>,
    /// Địa phương: "Phường 12", "Xã Tân Phú", "Huyện Hải Hà"…
    #[arg(long, value_parser = filled)]
    pub ward: String,
    /// Quận, huyện của địa phương, ví dụ "Quận 10".
    #[arg(long, value_parser = filled)]
    pub district: Option<String>,
    /// Tỉnh hoặc thành phố, ví dụ "Thành phố Hồ Chí Minh".
    #[arg(long, value_parser = filled)]
    pub province: Option<String>,
    /// Năm của báo cáo (1900–2100).
    #[arg(long, value_parser = year)]
    pub year: u16,
    /// Chỉ thị được thực hiện, ví dụ "Chỉ thị 05-CT/TW"; ghi nhiều lần nếu có nhiều chỉ thị.
    #[arg(long, required = true, value_parser = filled)]
    pub directive: Vec<String>,
    /// Chủ đề, ví dụ "Xây dựng Đảng"; ghi nhiều lần nếu có nhiều chủ đề.
    #[arg(long, required = true, value_parser = filled)]
    pub theme: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Thư mục của trang (chứa content/ và tệp sotay.yaml nếu có).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Địa chỉ để nghe; địa chỉ khác 127.0.0.1 (loopback) cho cả mạng xem được trang.
    #[arg(long, default_value = "127.0.0.1", value_parser = address)]
    pub bind: IpAddr,
    /// Cổng để nghe; 0 là cổng trống bất kỳ [mặc định: 1111, hoặc cổng trống kế tiếp].
    #[arg(long, value_parser = port)]
    pub port: Option<u16>,
    /// Đưa cả các bài nháp (có `draft: true`) vào trang.
    #[arg(long)]
    pub drafts: bool,
    /// Mở trang trong trình duyệt khi đã sẵn sàng.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Thư mục của trang mới; được tạo nếu chưa có, phải trống nếu đã có.
    pub dir: PathBuf,
    /// Ngôn ngữ của trang (giao diện, ngày tháng, thông báo): vi hoặc en.
    #[arg(long, value_enum, default_value = "vi")]
    pub language: Language,
}

/// A site's language as `init` takes it.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Language {
    /// Tiếng Việt.
    Vi,
    /// Tiếng Anh.
    En,
}

impl From<Language> for crate::i18n::Lang {
    fn from(language: Language) -> crate::i18n::Lang {
        match language {
            Language::Vi => crate::i18n::Lang::Vi,
            Language::En => crate::i18n::Lang::En,
        }
    }
}

/// A front matter value from the command line: `check` refuses an empty one, so `new`
/// does too, before writing anything.
fn filled(value: &str) -> Result<String, String> {
    let value = cleaned(value);
    if value.is_empty() {
        return Err("không được để trống".into());
    }
    Ok(value)
}

/// A value as the build reads it, without what no one meant to type: the spaces around it
/// and zero-width characters (pasted with a name, they would make a locality that looks
/// like another one; the build takes them out with a warning).
fn cleaned(value: &str) -> String {
    crate::front_matter::strip_zero_width(value).0.trim().to_string()
}

/// The year `check` accepts. clap's own range parser would say why not in English.
fn year(value: &str) -> Result<u16, String> {
    match cleaned(value).parse::<u16>() {
        Ok(year) if (1900..=2100).contains(&year) => Ok(year),
        _ => Err("phải là một năm từ 1900 đến 2100, ví dụ 2024".into()),
    }
}

/// A base URL as `sotay.yaml` takes it (see `config::base_url_problem`).
fn base_url(value: &str) -> Result<String, String> {
    let value = value.trim();
    match crate::config::base_url_problem(value) {
        Some(problem) => Err(format!("{problem}, ví dụ https://vidu.vn/so-tay")),
        None => Ok(value.to_string()),
    }
}

fn port(value: &str) -> Result<u16, String> {
    value.trim().parse().map_err(|_| "phải là một số từ 0 đến 65535, ví dụ 8080".into())
}

fn address(value: &str) -> Result<IpAddr, String> {
    value.trim().parse().map_err(|_| "phải là một địa chỉ IP, ví dụ 127.0.0.1 hoặc 0.0.0.0".into())
}

/// Why no command runs. What was asked for is printed already; `main` picks the exit code.
#[derive(Debug)]
pub enum Stop {
    /// Help or the version, printed on stdout as asked.
    Answered,
    /// A mistake on the command line, or no command at all: explained on stderr.
    Refused,
}

/// Reads the command line. Help, the version and usage mistakes are printed here, in
/// Vietnamese.
pub fn parse() -> Result<Cli, Stop> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let mut command = help::vietnamese(Cli::command());
    read(&mut command, &args).map_err(|error| usage_error::print(&error, &command, &args))
}

fn read(command: &mut clap::Command, args: &[OsString]) -> Result<Cli, clap::Error> {
    let matches = command.try_get_matches_from_mut(args)?;
    if let Some((help::HELP, asked)) = matches.subcommand() {
        // `sotay help build` is `sotay build --help`, `sotay help` is `sotay --help`.
        let program = args.first().cloned().unwrap_or_else(|| "sotay".into());
        let again: Vec<OsString> = std::iter::once(program)
            .chain(asked.get_one::<String>(help::COMMAND).map(OsString::from))
            .chain(std::iter::once("--help".into()))
            .collect();
        return read(command, &again);
    }
    Cli::from_arg_matches(&matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_lose_the_spaces_around_them_and_zero_width_characters() {
        assert_eq!(filled(" Phường\u{200b} 12 ").as_deref(), Ok("Phường 12"));
        assert_eq!(filled("\u{200b} Bài").as_deref(), Ok("Bài"), "trimmed once cleaned");
        assert!(filled("\u{200b}").is_err(), "nothing left is empty");
        assert_eq!(year("2022\u{200b}"), Ok(2022));
    }

    #[test]
    fn cli_definition_is_sound() {
        Cli::command().debug_assert();
        // The Vietnamese one is built, so checked, on the way.
        help::vietnamese(Cli::command()).debug_assert();
    }

    #[test]
    fn vietnamese_parsers_refuse_with_a_reason() {
        assert_eq!(year("2024"), Ok(2024));
        assert!(year("1800").unwrap_err().contains("1900 đến 2100"));
        assert!(year("abc").is_err());
        assert_eq!(port("0"), Ok(0));
        assert!(port("70000").unwrap_err().contains("65535"));
        assert!(address("::1").is_ok());
        assert!(address("localhost").unwrap_err().contains("địa chỉ IP"));
        assert_eq!(filled("  x "), Ok("x".into()));
        assert_eq!(filled(" "), Err("không được để trống".into()));
    }
}
