//! The text the corpus is laid out from: stories (headline + paragraphs, with
//! whatever byline, kicker, subtitle and captions they already have) read from
//! dump-shaped JSON — the news corpus in `../shared/corpus/` (read at run
//! time, never copied into the repository) and the tree of the bundled pages
//! (`tests/data/bundled_tree.json`) — and split into a fitting half and an
//! evaluation half that never share a story.

use super::tree::{Tree, TreeArticle};
use crate::model::Kind;
use std::path::{Path, PathBuf};

/// One story to lay out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Story {
    pub title: String,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    pub kind: Kind,
    pub paragraphs: Vec<String>,
    pub captions: Vec<String>,
    /// The date of the issue it came from, `YYYY-MM-DD`, when known.
    pub date: Option<String>,
}

/// Stories grouped by the day (issue) they came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Day {
    pub date: Option<String>,
    pub stories: Vec<Story>,
}

/// Which half of the material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Half {
    /// For fitting the loader's rules and weights.
    Fit,
    /// Held out: for measuring only.
    Eval,
}

impl Half {
    /// `fit` or `eval`.
    pub fn name(self) -> &'static str {
        match self {
            Half::Fit => "fit",
            Half::Eval => "eval",
        }
    }

    /// The half item number `i` (a day, a bundled story) belongs to: every
    /// fifth goes to evaluation.
    pub fn of(i: usize) -> Half {
        if i % 5 == 4 { Half::Eval } else { Half::Fit }
    }
}

fn story(a: &TreeArticle, date: Option<&String>) -> Story {
    Story {
        title: a.title.trim().to_string(),
        kicker: a.kicker.clone(),
        subtitle: a.subtitle.clone(),
        byline: a.byline.clone(),
        kind: a.kind,
        paragraphs: a.paragraphs.iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect(),
        captions: a.captions.clone(),
        date: date.cloned(),
    }
}

/// The days of a dump-shaped JSON document (the news corpus's shape), or a
/// message saying why it cannot be read. Stories with no printed headline
/// or no paragraph are left out.
pub fn parse_days(json: &str) -> Result<Vec<Day>, String> {
    let tree: Tree = serde_json::from_str(json).map_err(|e| format!("not a dump-shaped JSON document: {e}"))?;
    Ok(tree
        .issues
        .iter()
        .map(|i| Day {
            date: i.date.clone(),
            stories: i
                .articles
                .iter()
                .filter(|a| !a.title_inferred && !a.title.trim().is_empty() && !a.paragraphs.is_empty())
                .map(|a| story(a, i.date.as_ref()))
                .collect(),
        })
        .filter(|d| !d.stories.is_empty())
        .collect())
}

/// The material of both halves.
#[derive(Debug, Clone, Default)]
pub struct Material {
    /// News corpus days, in order.
    pub days: Vec<Day>,
    /// Stories of the bundled pages, in order.
    pub bundled: Vec<Story>,
}

impl Material {
    /// The corpus days of one half.
    pub fn days_of(&self, half: Half) -> Vec<&Day> {
        self.days.iter().enumerate().filter(|(i, _)| Half::of(*i) == half).map(|(_, d)| d).collect()
    }

    /// The dates of the fitting half's *check* days: every fourth day of
    /// [`Half::Fit`] (the fourth, eighth, ...). Pages of those days are a
    /// validation slice inside the fitting set: a rule tuned on the other
    /// three quarters should also hold on them before it is kept, so that
    /// the held-out evaluation set is not the first to see a rule that
    /// fits the fitting days' templates rather than news pages.
    pub fn check_dates(&self) -> std::collections::HashSet<String> {
        self.days_of(Half::Fit).iter().skip(3).step_by(4).filter_map(|d| d.date.clone()).collect()
    }

    /// The bundled stories of one half.
    pub fn bundled_of(&self, half: Half) -> Vec<&Story> {
        self.bundled.iter().enumerate().filter(|(i, _)| Half::of(*i) == half).map(|(_, s)| s).collect()
    }
}

/// Where the shared material sits for a checkout at `manifest_dir`.
pub fn shared_dir(manifest_dir: &Path) -> PathBuf {
    manifest_dir.join("..").join("shared")
}

/// Reads the material: the news corpus from `shared/corpus/xwlb-2022-2024.json`
/// and the bundled tree from `tests/data/bundled_tree.json` under
/// `manifest_dir`. Err says what is missing (the caller skips with a notice).
pub fn load(manifest_dir: &Path) -> Result<Material, String> {
    let corpus = shared_dir(manifest_dir).join("corpus").join("xwlb-2022-2024.json");
    let text = std::fs::read_to_string(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let days = parse_days(&text).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let tree = manifest_dir.join("tests").join("data").join("bundled_tree.json");
    let text = std::fs::read_to_string(&tree).map_err(|e| format!("{}: {e}", tree.display()))?;
    let bundled = parse_days(&text).map_err(|e| format!("{}: {e}", tree.display()))?;
    Ok(Material { days, bundled: bundled.into_iter().flat_map(|d| d.stories).collect() })
}
