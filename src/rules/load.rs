//! Reading rule files, validating them once, and compiling them into a
//! `RuleSet` the evaluator trusts.
//!
//! The defaults in `rules/` are embedded in the binary so it runs from any
//! folder; `--rules DIR` replaces them. Every error names the file, the rule
//! and the field, so an office editing a rule knows what to fix.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use thiserror::Error;

use super::signals::SignalSpec;
use super::spec::{RuleSetSpec, RuleSpec, TextSpec};
use crate::crawl::Hints;
use crate::lang::Lang;
use crate::text::{Phrase, PhraseGroups};

static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The file that names the rule set's version.
pub const MANIFEST: &str = "ruleset.toml";

#[derive(Debug, Error)]
pub enum RuleError {
    #[error("cannot read rules from {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: rule `{rule}`, field `{field}`: {message}")]
    Invalid {
        file: String,
        rule: String,
        field: String,
        message: String,
    },
    #[error("{dir}: no {MANIFEST} giving the rule set's version")]
    NoManifest { dir: String },
    #[error("{dir}: no rule files (*.toml besides {MANIFEST})")]
    Empty { dir: String },
    #[error("no rule with id `{0}` (see `ward-audit rules check` for the list)")]
    UnknownRule(String),
}

/// One requirement, validated and compiled.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub clause: String,
    pub weight: f64,
    pub anchors: Vec<Phrase>,
    pub url_words: Vec<String>,
    pub topic: Vec<Phrase>,
    pub exclude: Vec<Phrase>,
    /// Vetoes like `exclude` unless the field also holds a `named_with`.
    pub exclude_unless: Vec<Phrase>,
    pub named_with: Vec<Phrase>,
    /// Another unit's page gives `partial` at most (see `LookSpec`).
    pub own_unit_only: bool,
    pub signals: Vec<SignalSpec>,
    pub text: TextSpec,
    /// The file it came from, for messages.
    pub file: String,
}

/// The rules of one run, in file-name order.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub version: String,
    /// `embedded` or the directory the rules were read from.
    pub source: String,
    pub rules: Vec<Rule>,
    /// The language verdicts are written in; see `in_lang`.
    pub lang: Lang,
    /// Every rule's phrases for telling what a page is about, searched at
    /// once: group `4i` is rule `i`'s topic and menu phrases, `4i + 1` its
    /// excluded ones, `4i + 2` those excluded unless named with one of
    /// `4i + 3`.
    pub(super) topics: PhraseGroups,
    /// Every rule's menu labels and URL words, for the crawl to fetch the
    /// pages that matter first; built once, not for every ward.
    hints: Hints,
}

impl RuleSet {
    /// The rules built into the binary.
    pub fn embedded() -> Result<Self, RuleError> {
        let mut files: Vec<(String, String)> = EMBEDDED
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
            .filter_map(|f| {
                let name = f.path().file_name()?.to_str()?.to_owned();
                Some((name, f.contents_utf8()?.to_owned()))
            })
            .collect();
        files.sort();
        Self::from_files("embedded", &files)
    }

    /// The rules in `dir`, replacing the embedded ones.
    pub fn from_dir(dir: &Path) -> Result<Self, RuleError> {
        let io = |source| RuleError::Io {
            path: dir.to_owned(),
            source,
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).map_err(|source| RuleError::Io {
                    path: path.clone(),
                    source,
                })?;
                files.push((path.display().to_string(), text));
            }
        }
        files.sort();
        Self::from_files(&dir.display().to_string(), &files)
    }

    /// `dir` when given, else the embedded rules.
    pub fn load(dir: Option<&Path>) -> Result<Self, RuleError> {
        dir.map_or_else(Self::embedded, Self::from_dir)
    }

    fn from_files(source: &str, files: &[(String, String)]) -> Result<Self, RuleError> {
        let is_manifest = |name: &str| Path::new(name).file_name().is_some_and(|n| n == MANIFEST);
        let (manifest_name, manifest) = files
            .iter()
            .find(|(name, _)| is_manifest(name))
            .ok_or_else(|| RuleError::NoManifest {
                dir: source.to_owned(),
            })?;
        let manifest: RuleSetSpec = parse(manifest_name, manifest)?;
        let mut rules: Vec<Rule> = Vec::new();
        for (name, text) in files.iter().filter(|(name, _)| !is_manifest(name)) {
            let spec: RuleSpec = parse(name, text)?;
            let rule = compile(name, spec)?;
            if let Some(first) = rules.iter().find(|r| r.id == rule.id) {
                return Err(invalid(
                    name,
                    &rule.id,
                    "id",
                    &format!("also used in {}", first.file),
                ));
            }
            rules.push(rule);
        }
        if rules.is_empty() {
            return Err(RuleError::Empty {
                dir: source.to_owned(),
            });
        }
        let groups: Vec<Vec<&Phrase>> = rules
            .iter()
            .flat_map(|r| {
                [
                    r.topic.iter().chain(&r.anchors).collect(),
                    r.exclude.iter().collect(),
                    r.exclude_unless.iter().collect(),
                    r.named_with.iter().collect(),
                ]
            })
            .collect();
        let topics = PhraseGroups::new(&groups);
        let hints = Hints::new(
            rules.iter().flat_map(|r| &r.anchors),
            rules.iter().flat_map(|r| &r.url_words),
        );
        Ok(Self {
            version: manifest.version,
            source: source.to_owned(),
            rules,
            lang: Lang::Vi,
            topics,
            hints,
        })
    }

    /// The crawl hints of the rules: every rule's menu labels and URL words.
    #[must_use]
    pub fn hints(&self) -> &Hints {
        &self.hints
    }

    /// The rules speaking `lang`: titles, clauses and verdict texts from each
    /// rule's `[text.en]` for English (Vietnamese where a rule has none), and
    /// the evaluator's own words in that language.
    #[must_use]
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        if lang == Lang::En {
            for rule in &mut self.rules {
                if let Some(en) = rule.text.en.take() {
                    rule.title = en.title;
                    rule.clause = en.clause;
                    rule.text.pass = en.pass;
                    rule.text.partial = en.partial;
                    rule.text.fail = en.fail;
                    rule.text.fix = en.fix;
                }
            }
        }
        self
    }

    /// Rules with no English texts, for `rules check`.
    #[must_use]
    pub fn without_english(&self) -> Vec<&str> {
        self.rules
            .iter()
            .filter(|r| r.text.en.is_none())
            .map(|r| r.id.as_str())
            .collect()
    }

    pub fn get(&self, id: &str) -> Result<&Rule, RuleError> {
        self.rules
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| RuleError::UnknownRule(id.to_owned()))
    }
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| RuleError::Parse {
        file: file.to_owned(),
        message: e.to_string().trim_end().to_owned(),
    })
}

fn invalid(file: &str, rule: &str, field: &str, message: &str) -> RuleError {
    RuleError::Invalid {
        file: file.to_owned(),
        rule: rule.to_owned(),
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

fn phrases(file: &str, rule: &str, field: &str, raw: &[String]) -> Result<Vec<Phrase>, RuleError> {
    raw.iter()
        .map(|s| {
            Phrase::new(s).ok_or_else(|| {
                invalid(
                    file,
                    rule,
                    field,
                    &format!("phrase {s:?} has no letters or digits"),
                )
            })
        })
        .collect()
}

fn compile(file: &str, spec: RuleSpec) -> Result<Rule, RuleError> {
    let id = spec.id.as_str();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(invalid(
            file,
            id,
            "id",
            "use lower-case ASCII letters, digits and '-' only",
        ));
    }
    if !(spec.weight.is_finite() && spec.weight > 0.0) {
        return Err(invalid(file, id, "weight", "must be a number above 0"));
    }
    let mut texts = vec![
        ("title", &spec.title),
        ("clause", &spec.clause),
        ("text.pass", &spec.text.pass),
        ("text.partial", &spec.text.partial),
        ("text.fail", &spec.text.fail),
        ("text.fix", &spec.text.fix),
    ];
    if let Some(en) = &spec.text.en {
        texts.extend([
            ("text.en.title", &en.title),
            ("text.en.clause", &en.clause),
            ("text.en.pass", &en.pass),
            ("text.en.partial", &en.partial),
            ("text.en.fail", &en.fail),
            ("text.en.fix", &en.fix),
        ]);
    }
    for (field, value) in texts {
        if value.trim().is_empty() {
            return Err(invalid(file, id, field, "must not be empty"));
        }
    }
    if spec.look.topic.is_empty() {
        return Err(invalid(file, id, "look.topic", "list at least one phrase"));
    }
    let (unless_phrases, named_with): (&[String], &[String]) = match &spec.look.exclude_unless {
        Some(u) if u.phrases.is_empty() || u.named_with.is_empty() => {
            let field = if u.phrases.is_empty() {
                "look.exclude_unless.phrases"
            } else {
                "look.exclude_unless.named_with"
            };
            return Err(invalid(file, id, field, "list at least one phrase"));
        }
        Some(u) => (&u.phrases, &u.named_with),
        None => (&[], &[]),
    };
    if spec.signals.is_empty() {
        return Err(invalid(file, id, "signal", "add at least one [[signal]]"));
    }
    for (i, signal) in spec.signals.iter().enumerate() {
        signal.validate().map_err(|(field, message)| {
            invalid(
                file,
                id,
                &format!("signal[{i}] ({}).{field}", signal.kind()),
                &message,
            )
        })?;
    }
    Ok(Rule {
        anchors: phrases(file, id, "look.anchors", &spec.look.anchors)?,
        topic: phrases(file, id, "look.topic", &spec.look.topic)?,
        exclude: phrases(file, id, "look.exclude", &spec.look.exclude)?,
        exclude_unless: phrases(file, id, "look.exclude_unless.phrases", unless_phrases)?,
        named_with: phrases(file, id, "look.exclude_unless.named_with", named_with)?,
        own_unit_only: spec.look.own_unit_only,
        url_words: spec
            .look
            .url_words
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect(),
        id: spec.id,
        title: spec.title,
        clause: spec.clause,
        weight: spec.weight,
        signals: spec.signals,
        text: spec.text,
        file: file.to_owned(),
    })
}

impl Rule {
    /// What the rule looks for, in words (`ward-audit rules explain`).
    #[must_use]
    pub fn explain(&self) -> String {
        let list = |p: &[Phrase]| {
            p.iter()
                .map(|p| format!("«{}»", p.source))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = format!(
            "{} ({})\nYêu cầu: {}\nTrọng số: {}\n\nTìm ở đâu:\n  - liên kết có nhãn: {}\n",
            self.title,
            self.id,
            self.clause,
            self.weight,
            list(&self.anchors)
        );
        if !self.url_words.is_empty() {
            let _ = writeln!(out, "  - địa chỉ chứa: {}", self.url_words.join(", "));
        }
        let _ = writeln!(
            out,
            "  - trang có tiêu đề hoặc đề mục: {}",
            list(&self.topic)
        );
        if !self.exclude.is_empty() {
            let _ = writeln!(out, "  - trừ trang có tiêu đề: {}", list(&self.exclude));
        }
        if !self.exclude_unless.is_empty() {
            let _ = writeln!(
                out,
                "  - trừ trang có tiêu đề: {} (trừ khi tiêu đề đó cũng có: {})",
                list(&self.exclude_unless),
                list(&self.named_with)
            );
        }
        if self.own_unit_only {
            out += "  - trang có tiêu đề ghi tên phường, xã khác («UBND xã …»): nhiều nhất là chưa đầy đủ\n";
        }
        out += "\nBằng chứng (chỉ xét nội dung chính của trang, không xét menu, cột bên, chân trang):\n";
        for s in &self.signals {
            let _ = writeln!(out, "  - [{}] {}", s.kind(), s.describe());
        }
        out += "  - trang đúng chủ đề nhưng trống hoặc «Đang cập nhật»: chưa đầy đủ\n";
        let _ = write!(
            out,
            "\nKết luận:\n  Đạt: {}\n  Chưa đầy đủ: {}\n  Không đạt: {}\n  Cách khắc phục: {}\n",
            self.text.pass, self.text.partial, self.text.fail, self.text.fix
        );
        out
    }
}
