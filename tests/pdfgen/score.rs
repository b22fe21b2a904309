//! Compares articles read back from a generated PDF with the ones that went in.

use lvread::model::Article;

fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.chars().filter(|c| !c.is_whitespace()).collect::<String>().nfkc().collect()
}

fn fold_opt(s: &Option<String>) -> String {
    s.as_deref().map(fold).unwrap_or_default()
}

/// Counts over a set of pages.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    /// Articles that went in.
    pub expected: usize,
    /// Found with the right title and all of its text, in order.
    pub right: usize,
    /// Right, and every field equal: kicker, subtitle, byline, each paragraph and caption.
    pub exact: usize,
    /// Articles read that match nothing that went in.
    pub spurious: usize,
}

impl Score {
    pub fn add(&mut self, o: Score) {
        self.expected += o.expected;
        self.right += o.right;
        self.exact += o.exact;
        self.spurious += o.spurious;
    }
    pub fn right_pct(&self) -> f64 {
        100.0 * self.right as f64 / self.expected.max(1) as f64
    }
    pub fn exact_pct(&self) -> f64 {
        100.0 * self.exact as f64 / self.expected.max(1) as f64
    }
}

/// All the text of an article, in order, byline included.
fn all_text(a: &Article) -> String {
    fold(&format!("{}{}{}", a.byline.as_deref().unwrap_or(""), a.paragraphs.concat(), a.captions.concat()))
}

/// True when `got` is exactly `want`.
pub fn exact(want: &Article, got: &Article) -> bool {
    fold(&want.title) == fold(&got.title)
        && fold_opt(&want.kicker) == fold_opt(&got.kicker)
        && fold_opt(&want.subtitle) == fold_opt(&got.subtitle)
        && fold_opt(&want.byline) == fold_opt(&got.byline)
        && want.paragraphs.iter().map(|p| fold(p)).eq(got.paragraphs.iter().map(|p| fold(p)))
        && want.captions.iter().map(|p| fold(p)).eq(got.captions.iter().map(|p| fold(p)))
}

/// Scores one page: each wanted article is looked up by title.
pub fn score(want: &[Article], got: &[Article]) -> (Score, Vec<String>) {
    let mut s = Score { expected: want.len(), ..Score::default() };
    let mut why = Vec::new();
    let mut used = vec![false; got.len()];
    for w in want {
        let found = got.iter().enumerate().find(|(i, g)| !used[*i] && fold(&g.title) == fold(&w.title));
        match found {
            Some((i, g)) => {
                used[i] = true;
                if all_text(g) == all_text(w) {
                    s.right += 1;
                    if exact(w, g) {
                        s.exact += 1;
                    } else {
                        why.push(format!("not exact: {:?}\n   want {w:?}\n   got  {g:?}", w.title));
                    }
                } else {
                    why.push(format!(
                        "text differs: {:?}\n   want {:?}\n   got  {:?}",
                        w.title,
                        all_text(w),
                        all_text(g)
                    ));
                }
            }
            None => why.push(format!(
                "lost: {:?} (got titles {:?})",
                w.title,
                got.iter().map(|g| &g.title).collect::<Vec<_>>()
            )),
        }
    }
    s.spurious = used.iter().filter(|u| !**u).count();
    (s, why)
}
