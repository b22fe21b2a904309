//! Where an item (article) starts: one boundary score per candidate gap.
//!
//! An item printed with no opening byline or headline run between it and
//! the text before it (a photo item, a notice, a reprint signed only at
//! its end, an item with its headline left in the body) runs straight on
//! from its neighbour. Whether a gap starts a new item is decided here, in
//! one place, by one score: every piece of evidence at the gap is a
//! [`Term`], its weight read from the table [`WEIGHTS`] (in points of the
//! line model's heading margin, [`Model::heading_margins`](super::line_model::Model::heading_margins)),
//! and the gap starts an item when the terms sum above zero. Cutting a text
//! costs [`Term::Gap`]; a line opening like a news item (`近日，`, a date)
//! where the column's width changes, a short paragraph over a caption on
//! another subject (a photo item), a caption after which the text turns to
//! another subject, a caption whose words come back in the text after it
//! on another subject (a photo printed over its item), and a line set apart
//! whose words come back after it and not before it (a headline left in the
//! body) pay for it.
//!
//! The candidates are the gaps after a finished sentence (or a caption,
//! credit or closing byline): a body line there (`Builder::body_gap`),
//! a caption there (`Builder::breaks`), and a line set apart there
//! ([`promote`]). Each decision is kept as a [`Boundary`] for
//! `lvread dump --explain`.

use super::assign::HanChars;
use super::heads;
use super::lines::{Line, Role, is_date_line, is_sentence_end};
use super::meta;
use super::normalize::is_han;
use super::paragraphs::BodyPart;
use super::params::{Cut, Params};
use super::pieces::Piece;
use super::segments::{Builder, parts_text};

/// One piece of evidence at a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// The cost of cutting a text at a gap (every candidate pays it once).
    Gap,
    /// The line after the gap opens like a news item (`近日，`, `3月5日，`,
    /// `当地时间11日，`, `今天（2月28日），`: [`meta::opens_like_lead`]); at
    /// a line [`promote`] weighs, the line under it does.
    Opener,
    /// The column's width changes across the gap (by 8 columns or more).
    WidthChange,
    /// The line after the gap starts a photo item: a sentence or two over a
    /// caption, neither sharing the words of the text before it.
    PhotoItem,
    /// A caption at the gap after which the text turns to another subject.
    ClosingCaption,
    /// A closing byline (`（张三）`) stands at the gap: the item before has
    /// been signed.
    ClosingByline,
    /// The text before the gap ends in a date alone on its line, as a
    /// notice is signed and dated.
    ClosingDate,
    /// The text before the gap ends in a closing formula (`王毅参加会见。`,
    /// `会议还研究了其他事项。`), as a report of a meeting or visit ends, and
    /// the text after it, opening like a lead ([`Term::Opener`] or
    /// [`Term::SubjectLead`]), runs on about someone or something the text
    /// before does not single out (`Builder::formula_gaps`), or runs a
    /// sentence or two straight to a caption (`runs_to_caption`: a photo
    /// item's text, whoever it names; on the fitting set's training pages
    /// +2 items exact on real `-layout`, no shape losing).
    ClosingFormula,
    /// The line model's heading margin of a line set apart at the gap (per
    /// point).
    HeadingMargin,
    /// How much better that line's words match the text after it than the
    /// text before it (share of its words, 0 to 1).
    ContentMatch,
    /// The line after the gap is set apart by a blank line, short and
    /// unpunctuated, as a headline (counted for every line [`promote`]
    /// weighs: its own cost, apart from that of cutting a text).
    SetApart,
    /// A headline run stands at the gap, between two bodies (an item
    /// starts there unless the run is a subheading).
    HeadlineRun,
    /// The line model decodes every line of that run as a subheading
    /// ([`State::Sub`](super::line_model::State::Sub)): a short line of its
    /// own inside one article's text.
    Subheading,
    /// The line after the gap opens like a lead naming its subject before
    /// its day (`国务院总理某某5日在京会见…`:
    /// [`meta::opens_with_subject_day`]; at a body gap also one naming its
    /// source before its news, `记者从某部了解到，`:
    /// [`meta::opens_with_source`]); at a line [`promote`] weighs, the
    /// line under it does.
    SubjectLead,
    /// The first sentence after a lead naming its subject before its day
    /// ([`Term::SubjectLead`]) shares next to none of its words with the
    /// text before the gap: it turns to another subject. (Not counted after
    /// a day alone, `22日，`, which opens the next day's paragraph of one
    /// report as often: on the fitting set that cost items on four shapes.)
    /// A word two or more bodies of the page hold (`Breaks::common`) is
    /// not counted as shared: the page's stock words (`国家`, `今天`) say
    /// nothing of one item's subject (issue 9: a second report or a photo
    /// item opening `国家卫生健康委今天（11月8日）…` after an unrelated item
    /// shared them and ran on into it; on draws 1-6 of the fitting set
    /// exact +43, right +23, no shape losing).
    TopicShift,
    /// The line after the gap has the shape of a notice's title: an
    /// issuing body's `关于…` or a closing noun over a notice's text
    /// ([`meta::is_notice_heading`]), read in the body by the line model
    /// however sure it is (it is as wide as the column).
    NoticeTitle,
    /// The text after the gap opens by reporting what was said, with no
    /// day or place of its own (`李强表示，`, `据介绍，`, `文章强调，`): a
    /// paragraph going on with the article before, not an item's lead
    /// (`goes_on`). Weighed only at a caption closing an item
    /// ([`Term::ClosingCaption`]): a caption printed inside an article's
    /// text. (Weighed at a photo item's text too, it kept items opening
    /// `习近平总书记指出，` in the item before on three FIT shapes.)
    GoesOn,
    /// The first sentence after an opener ([`Term::Opener`]) or a closing
    /// byline ([`Term::ClosingByline`]) shares next to none of its words
    /// with the text before the gap, measured as [`Term::TopicShift`] is:
    /// the item before has ended and another subject starts.
    OpenerShift,
    /// The line [`promote`] weighs is not set apart by a blank line, on a
    /// page that prints no blank line between any two of its lines (as
    /// `pdftotext -raw` prints a page): there a headline left among the
    /// body lines is told only by its form, the line model's margin and its
    /// words (counted with [`Term::SetApart`], as the cost of weighing a
    /// line no blank sets apart).
    Unspaced,
    /// The text after the gap opens a notice: its first sentence gives the
    /// notice's purpose or ground (`为进一步做好…`, `根据…`, `按照…`) and
    /// announces what follows (`…现将有关事项通告如下：`), as an official
    /// notice's preamble does and a news report's paragraph hardly ever
    /// does (`opens_notice`).
    NoticeOpens,
    /// A caption at the gap names what the text after it reports (its
    /// words come back there) while that text turns from the text before
    /// the caption: a photo printed over its item's text, its caption
    /// between the two items (`Breaks::opening_captions`). The caption
    /// goes with the item after it.
    OpeningCaption,
    /// A closing byline (`（张三）`, [`Term::ClosingByline`]) stands at the
    /// gap and the text after it runs a sentence or two straight to a
    /// caption (`runs_to_caption`): a photo item's text printed after the
    /// signed item, whatever words it shares with it. (Counted after a
    /// notice's date too, it cost items on three FIT shapes, pdftotext 4.)
    CaptionRun,
    /// The line after the gap opens a paragraph of a sentence or two over a
    /// caption that ends the body, a photo item's shape
    /// (`Builder::photo_openers`), but its words do not pass the photo
    /// item's word shares ([`Term::PhotoItem`]): such a paragraph was
    /// never weighed at all before, so a photo item on the subject of the
    /// item before it (the same leader, the same campaign) always ran on
    /// into that item (issue 9: about 60 photo items swallowed on the
    /// fitting set's training pages). Its words shared with the text
    /// before are weighed against it ([`Term::PhotoShared`]).
    PhotoShape,
    /// At a [`Term::PhotoShape`] gap, the share of the paragraph's words
    /// found in the text before it (0 to 1; in a text opening like a lead,
    /// words no other body of the page holds): a paragraph going on with
    /// that text's subject shares many.
    PhotoShared,
    /// At a [`Term::PhotoShape`] gap, the caption names the paragraph over
    /// it (a word of the caption's, not the text before's, that the
    /// paragraph prints): the caption is that paragraph's photo's.
    PhotoNamed,
    /// At a [`Term::PhotoShape`] gap, the share of the caption's words
    /// found in the text before the paragraph (0 to 1, none for a credit
    /// alone): a photo printed inside an article's text, its caption at the
    /// text's end, names what the article reports.
    PhotoCaptionShared,
    /// At a [`Term::PhotoShape`] gap, the caption names a headline of the
    /// page (shares [`Params::headline_shared_min`] words with it): it is
    /// that headline's article's photo, printed beside the article (as
    /// `pdftotext -layout` reads a photo's caption into the column next to
    /// it), not a photo item's.
    PhotoCaptionHeadline,
}

/// The weight of each [`Term`], in points of heading margin per unit of
/// evidence (a gap starts an item when its terms sum above zero). Written
/// by `cargo run --release --example fit_boundary -- --items` (do not edit
/// by hand, fit again): from the table before, a coordinate search on the
/// items `loader_eval` counts on the fitting pages, moving a weight (or a
/// threshold of [`Params`]) while no shape loses an
/// item right or exactly right or gains a spurious one and the items right
/// plus exactly right grow, keeping the decisions hand-written test pages
/// hold (an opener or a notice's date where the column's width changes
/// starts an item, either alone does not), one point per point of heading
/// margin.
/// Refitted on the items of 4244 fitting pages (`--items`): right/exact/spurious
/// columns 2348/2215/32 lines 2468/2412/6 pdftotext 2234/2052/48 pdftotext-raw 2197/2014/29 real-pdftotext 2259/2102/30 real-raw 2319/2177/25 real-layout 2171/1948/48
/// (the table before: columns 2348/2215/32 lines 2468/2412/6 pdftotext 2234/2052/48 pdftotext-raw 2195/2012/29 real-pdftotext 2259/2102/30 real-raw 2319/2177/25 real-layout 2171/1948/48).
/// `Unspaced` added at -50 and fitted alone (`--items --only Unspaced`,
/// from 0 to -100 no value gains on every shape): right/exact/spurious columns 2350/2225/32 lines 2469/2414/6 pdftotext 2234/2054/48 pdftotext-raw 2212/2045/30 real-pdftotext 2259/2110/30 real-raw 2322/2195/26 real-layout 2195/1991/48
/// `OpeningCaption` added at 300, as `ClosingCaption` (its gap weighs only
/// `Gap` and `GoesOn` beside it, so any value from 151 to 350 decides the
/// same): right/exact/spurious columns 2372/2256/33 lines 2476/2421/7 pdftotext 2255/2082/47 pdftotext-raw 2260/2111/30 real-pdftotext 2262/2114/32 real-raw 2328/2212/27 real-layout 2219/2017/47
/// `ClosingFormula` counted after a lead naming its subject before its day
/// too (`SubjectLead`, where it tied at 0) and refitted alone (`--items
/// --knobs ClosingFormula`) 100 -> 102 (any value from 101 to 150 decides
/// the same): right/exact/spurious
/// columns 2377/2260/33 lines 2480/2430/8 pdftotext 2260/2091/48 pdftotext-raw 2268/2125/30 real-pdftotext 2277/2137/29 real-raw 2332/2225/27 real-layout 2226/2032/46
/// (at 100: columns 2375/2258/33 lines 2480/2430/8 pdftotext 2258/2089/48 pdftotext-raw 2267/2123/30 real-pdftotext 2277/2137/29 real-raw 2332/2225/27 real-layout 2226/2032/46).
/// `SubjectLead` then refitted alone (`--items --knobs SubjectLead`) 50 ->
/// 51 (any value from 51 to 60 decides the same): a lead naming its subject
/// before its day where the column's width changes, a tie at 0 before,
/// starts an item, as an opener there does: right/exact/spurious
/// columns 2377/2260/33 lines 2480/2430/8 pdftotext 2260/2091/48 pdftotext-raw 2268/2125/30 real-pdftotext 2277/2137/29 real-raw 2334/2227/27 real-layout 2227/2034/47
/// `CaptionRun` added by hand at 60 (not fitted: above 48 it starts an item
/// after a closing byline alone, `Gap` and `ClosingByline` summing to
/// -48): on the fitting set's training pages exact 11886 -> 11890 (lines
/// +4), its check pages 3602 -> 3606 (columns +2, real -raw +2).
/// `PhotoShape`, `PhotoShared`, `PhotoNamed`, `PhotoCaptionShared` and
/// `PhotoCaptionHeadline` added (issue 9, qsplit4: a photo item's paragraph
/// whose words fail the photo item's shares, weighed instead of never
/// weighed) by hand at 200, -300, 0, -300, -300, then fitted (`--items
/// --knobs PhotoShape,PhotoShared,PhotoCaptionShared,PhotoCaptionHeadline,PhotoNamed`,
/// two sweeps): PhotoShape 196 (195 decides the same, 190 and 180 fewer),
/// PhotoNamed 25, PhotoCaptionShared -150: right/exact/spurious
/// columns 2409/2306/30 lines 2486/2441/7 pdftotext 2305/2149/40 pdftotext-raw 2303/2170/25 real-pdftotext 2335/2207/22 real-raw 2401/2313/22 real-layout 2299/2124/33
/// (without them: columns 2405/2299/30 lines 2486/2441/7 pdftotext 2304/2148/40 pdftotext-raw 2302/2168/25 real-pdftotext 2333/2203/22 real-raw 2400/2311/22 real-layout 2297/2120/32).
/// `SubjectLead` then refitted (`--items --knobs weights`, one sweep) 51 ->
/// 101; 95 to 148 gain, the most from 126 to 148 (a lead naming its subject
/// before its day at a `PhotoShape` gap, and a line `promote` weighs over
/// one), so 140, below 150 where a lead alone would start an item:
/// columns 2409/2306/30 lines 2486/2441/7 pdftotext 2305/2149/40 pdftotext-raw 2306/2174/25 real-pdftotext 2336/2209/22 real-raw 2402/2316/22 real-layout 2300/2126/33
#[rustfmt::skip]
pub const WEIGHTS: [(Term, f32); 27] = [
    (Term::Gap, -150.0),
    (Term::Opener, 100.0),
    (Term::WidthChange, 100.0),
    (Term::PhotoItem, 300.0),
    (Term::ClosingCaption, 300.0),
    (Term::ClosingByline, 102.0),
    (Term::ClosingDate, 100.0),
    (Term::ClosingFormula, 102.0),
    (Term::HeadingMargin, 1.0),
    (Term::ContentMatch, 475.0),
    (Term::SetApart, 0.0),
    (Term::HeadlineRun, 250.0),
    (Term::Subheading, -300.0),
    (Term::SubjectLead, 140.0),
    (Term::TopicShift, 110.0),
    (Term::NoticeTitle, 200.0),
    (Term::GoesOn, -200.0),
    (Term::OpenerShift, 60.0),
    (Term::Unspaced, -50.0),
    (Term::NoticeOpens, 200.0),
    (Term::OpeningCaption, 300.0),
    (Term::CaptionRun, 60.0),
    (Term::PhotoShape, 195.0),
    (Term::PhotoShared, -300.0),
    (Term::PhotoNamed, 25.0),
    (Term::PhotoCaptionShared, -150.0),
    (Term::PhotoCaptionHeadline, -300.0),
];

/// The weight of `term` in [`WEIGHTS`].
pub fn weight(term: Term) -> f32 {
    WEIGHTS[term as usize].1
}

/// A line matching the text before it better than the text after it (a
/// headline printed after its body) counts this share of that match:
/// weaker, since a paragraph's first line often sums up what was just said.
pub const BACK_SHARE: f32 = 0.6;

/// What was decided at one gap, and why.
#[derive(Debug, Clone)]
pub struct Boundary {
    /// The first line after the gap (a line index).
    pub line: usize,
    /// The gap's score: the sum of its terms' points.
    pub score: f32,
    terms: [(Term, f32); WEIGHTS.len()],
    count: usize,
    /// The weights the score is summed with ([`Params::weights`]).
    weights: [f32; WEIGHTS.len()],
}

impl Boundary {
    /// A gap before line `line`, with only its cost counted, its terms
    /// weighed by `p`.
    pub fn new(p: &Params, line: usize) -> Boundary {
        let mut b =
            Boundary { line, score: 0.0, terms: [(Term::Gap, 0.0); WEIGHTS.len()], count: 0, weights: p.weights };
        b.add(Term::Gap, 1.0);
        b
    }

    /// Counts `amount` units of evidence `term`.
    pub fn add(&mut self, term: Term, amount: f32) {
        self.score += self.weights[term as usize] * amount;
        if let Some(slot) = self.terms[..self.count].iter_mut().find(|(t, _)| *t == term) {
            slot.1 += amount;
        } else if self.count < self.terms.len() {
            self.terms[self.count] = (term, amount);
            self.count += 1;
        }
    }

    /// Does an item start at the gap?
    pub fn starts(&self) -> bool {
        self.score > 0.0
    }

    /// The terms counted, with their units of evidence (their points are
    /// these times their weight).
    pub fn terms(&self) -> &[(Term, f32)] {
        &self.terms[..self.count]
    }

    /// One line for `lvread dump --explain`: the verdict, the score and its
    /// terms' points.
    pub fn describe(&self) -> String {
        let terms: Vec<String> =
            self.terms().iter().map(|&(t, x)| format!("{t:?} {:+.0}", self.weights[t as usize] * x)).collect();
        let verdict = if self.starts() { "new item" } else { "same item" };
        format!("boundary {:+.0} {verdict}: {}", self.score, terms.join(", "))
    }
}

/// Where items end and start inside what would otherwise run on as one
/// body, decided from the whole page's first segmentation (see
/// [`Builder::breaks`]).
#[derive(Debug, Default)]
pub(crate) struct Breaks {
    /// Caption pieces that close the item before them.
    pub(crate) closing: rustc_hash::FxHashSet<usize>,
    /// Body lines that open an item of their own (a photo item's text).
    pub(crate) opening: rustc_hash::FxHashSet<usize>,
    /// Body lines that open like a lead after a closing formula (see
    /// [`Term::ClosingFormula`]).
    pub(crate) after_formula: rustc_hash::FxHashSet<usize>,
    /// Caption pieces that open the item after them (see
    /// [`Term::OpeningCaption`]).
    pub(crate) opening_captions: rustc_hash::FxHashSet<usize>,
    /// Body lines that open a paragraph of a photo item's shape whose words
    /// did not pass the photo item's shares (see [`Term::PhotoShape`]):
    /// a candidate gap each, with what was measured.
    pub(crate) photo_shaped: rustc_hash::FxHashMap<usize, PhotoShape>,
    /// Words (topic terms) two or more bodies of the first segmentation
    /// hold: the page's common words, which say nothing of one item's
    /// subject (see [`Builder::turns_away`]). Read only when a gap's turn
    /// of subject was weighed and not found in the first segmentation.
    pub(crate) common: rustc_hash::FxHashSet<u64>,
}

/// What was measured of a paragraph of a photo item's shape that the word
/// shares did not make a photo item ([`Breaks::photo_shaped`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PhotoShape {
    /// The share of its words found in the text before ([`Term::PhotoShared`]).
    shared: f32,
    /// Its caption names it ([`Term::PhotoNamed`]).
    named: bool,
    /// The share of its caption's words found in the text before
    /// ([`Term::PhotoCaptionShared`]).
    caption_shared: f32,
    /// Its caption names a headline of the page
    /// ([`Term::PhotoCaptionHeadline`]).
    caption_heads: bool,
}

impl Breaks {
    /// No break found: segmenting again would change nothing.
    pub(crate) fn is_empty(&self) -> bool {
        self.closing.is_empty()
            && self.opening.is_empty()
            && self.after_formula.is_empty()
            && self.opening_captions.is_empty()
            && self.photo_shaped.is_empty()
            && self.common.is_empty()
    }
}

/// The most characters a photo item's text (the paragraph over its
/// caption) holds: a sentence or two.
const PHOTO_TEXT_MAX: usize = 120;

/// The fewest characters a photo item's text holds: a shorter sentence
/// (`王毅参加会见。`) closes the item it stands in.
const PHOTO_TEXT_MIN: usize = 16;

/// The least text an item must keep before a photo item is cut off it
/// (against a shorter text, a paragraph going on with its subject shares
/// too few words with it to tell), unless it closes with a date alone on its
/// line (a notice signed and dated), or the photo item's text shares no word
/// at all with it and it follows no subheading (a short item, then a photo
/// item on another subject: on the fitting set's training pages +20 items
/// exact, its check pages +2, no shape losing). Lowered from 200 on the
/// fitting set. (Read from [`Params::photo_before_min`].)
pub const PHOTO_BEFORE_MIN: usize = 150;

/// A paragraph over a caption that may be a photo item of its own
/// ([`Builder::photo_openers`]'s candidates). Words are marked when the
/// text before holds them.
struct PhotoCandidate {
    /// Its first line.
    first: usize,
    /// It opens like a lead (`7月31日，`, `近日，`).
    lead: bool,
    /// Its text's words.
    text: Vec<(u64, bool)>,
    /// Its caption's words (none for a credit alone).
    caption: Option<Vec<(u64, bool)>>,
    /// A caption stands straight over it too: it sits between two photos'
    /// captions and goes with the photo under it.
    between: bool,
    /// Its caption names it: a word of the caption's, not the text
    /// before's, that the text prints.
    names: bool,
    /// The text before it is shorter than [`Params::photo_before_min`]
    /// (and no date or caption closes it): it is cut off only when it
    /// shares no word at all with that text.
    short_before: bool,
    /// Its caption names a headline of the page (see
    /// [`Term::PhotoCaptionHeadline`]).
    caption_heads: bool,
}

impl Builder {
    /// Where items end and start inside the bodies of this (first)
    /// segmentation: the captions that close an item
    /// ([`Builder::closing_captions`]) and the photo items' texts that open
    /// one ([`Builder::photo_openers`]).
    pub(crate) fn breaks(&self, lines: &[Line], pieces: &[Piece]) -> Breaks {
        let (closing, opening_captions) = self.closing_captions(lines, pieces);
        let (mut opening, mut photo_shaped) =
            self.photo_openers(lines, pieces, &closing, &rustc_hash::FxHashSet::default());
        // A caption standing straight over a photo item's text ends the text
        // before it as the body's end would: two photo items one after the
        // other, the first is read again with the second cut off.
        let over_photo = |&(s, k, _): &(usize, usize, usize)| matches!(self.segs[s].parts.get(k), Some(BodyPart::Line(i)) if opening.contains(i));
        if self.caption_breaks.iter().any(over_photo) {
            let (more, shaped) = self.photo_openers(lines, pieces, &closing, &opening);
            opening.extend(more);
            photo_shaped.extend(shaped);
        }
        photo_shaped.retain(|i, _| !opening.contains(i));
        let after_formula = self.formula_gaps(lines);
        // (The page's common words are read only where a turn of subject
        // was weighed and not found: elsewhere they change nothing.)
        let common = if self.turn_missed.get() { self.common_terms(lines) } else { Default::default() };
        Breaks { closing, opening, after_formula, opening_captions, photo_shaped, common }
    }

    /// The first lines of photo items printed straight after another item's
    /// text: a photo item is a paragraph of a sentence or two, then its
    /// caption, and nothing more, so a short last paragraph over a caption
    /// that ends the body (the body stops there, or the caption closes it)
    /// is an item of its own when neither it nor the caption goes on with
    /// the subject of the text before it (few of their words are found
    /// there: in a text opening like a lead, in no other body of the page
    /// either). A lead straight after a closing formula (`…参加会见。` /
    /// `当地时间11日，…`), which shares many of the closed report's words,
    /// is not made one here: its gap counts [`Term::ClosingFormula`] where
    /// it runs to a caption ([`Builder::body_gap`]), which decides the same
    /// items (the rule that made such a text a photo item here as well
    /// changed no item on draws 0, 7, 8 and 9 of the fitting set). A caption counts as ending the body
    /// too where the line after it is one of `opened` (photo items' texts
    /// already found). The paragraphs of a photo item's shape whose words
    /// do not pass come back apart, to be weighed at their gap
    /// ([`Term::PhotoShape`]).
    fn photo_openers(
        &self,
        lines: &[Line],
        pieces: &[Piece],
        closing: &rustc_hash::FxHashSet<usize>,
        opened: &rustc_hash::FxHashSet<usize>,
    ) -> (rustc_hash::FxHashSet<usize>, rustc_hash::FxHashMap<usize, PhotoShape>) {
        let candidates: Vec<PhotoCandidate> = self
            .caption_breaks
            .iter()
            .filter_map(|&(s, k, piece)| self.photo_candidate(lines, pieces, (s, k, piece), closing, opened))
            .collect();
        self.judge_photo_candidates(lines, candidates)
    }

    /// The paragraph over the caption at caption break `(s, k, piece)` (of
    /// [`Builder::caption_breaks`]) when it has a photo item's shape: the
    /// caption ends the body (the body stops there, the caption is one of
    /// `closing`, or the line after it is one of `opened`), and the
    /// paragraph is sentences ([`PHOTO_TEXT_MIN`] to [`PHOTO_TEXT_MAX`]
    /// characters), not signed, after a text long enough to be an item
    /// ([`Params::photo_before_min`]) or closed by a date or a caption.
    fn photo_candidate(
        &self,
        lines: &[Line],
        pieces: &[Piece],
        (s, k, piece): (usize, usize, usize),
        closing: &rustc_hash::FxHashSet<usize>,
        opened: &rustc_hash::FxHashSet<usize>,
    ) -> Option<PhotoCandidate> {
        let parts = &self.segs[s].parts;
        let ends = k == parts.len()
            || closing.contains(&piece)
            || matches!(parts.get(k), Some(BodyPart::Line(i)) if opened.contains(i));
        if k == 0 || !ends {
            return None;
        }
        let j = last_paragraph(parts, lines, k)?;
        // A photo item's text is sentences (a signatory and date are not),
        // and is not signed: a closing byline (`（张三）`) after it ends an
        // article's last paragraph.
        if !parts_text(&parts[j..k], lines).any(|t| t.contains(['。', '！', '？']))
            || self.segs[s].trail_at.contains(&k)
        {
            return None;
        }
        let BodyPart::Line(first) = parts[j] else { return None };
        let chars = |ps: &[BodyPart]| parts_text(ps, lines).map(|t| t.chars().count()).sum::<usize>();
        // A notice signed and dated has closed: its text, however short,
        // does not go on.
        let dated = matches!(parts[j - 1], BodyPart::Line(p) if is_date_line(&lines[p].text));
        // A caption standing straight over the text too: the text sits
        // between two photos' captions, the one before closing the text
        // before (however short), so the text goes with the photo under
        // it, whatever words it shares: an item prints its photo's
        // caption by the photo once, not a caption, a sentence and
        // another caption.
        let between = self.caption_breaks.iter().any(|&(s2, k2, p2)| s2 == s && k2 == j && p2 != piece);
        // Against a text before it shorter than an item's least, a
        // paragraph going on with that text's subject may share few of
        // its words by chance: there the photo item's text must share
        // none, and be no closing formula (`某某等出席开幕会。`), which
        // ends the item it stands in whatever words it shares.
        let short_before = !dated && !between && chars(&parts[..j]) < self.params.photo_before_min;
        // (A text after a subheading is a section of a longer text: its
        // item's least is not read off the section.)
        if short_before && self.after_subheading(s) {
            return None;
        }
        if !(PHOTO_TEXT_MIN..=PHOTO_TEXT_MAX).contains(&chars(&parts[j..k]))
            || short_before && closing_formula(&parts[..k], lines)
        {
            return None;
        }
        let mut before: Vec<u64> = Vec::new();
        topic_terms(parts_text(&parts[..j], lines).flat_map(str::chars), |g| before.push(g));
        before.sort_unstable();
        before.dedup();
        // The words of the text and of the caption, those the text
        // before holds marked.
        let terms = |text: &mut dyn Iterator<Item = char>| {
            let mut out: Vec<(u64, bool)> = Vec::new();
            topic_terms(text, |g| out.push((g, before.binary_search(&g).is_ok())));
            out
        };
        let text = terms(&mut parts_text(&parts[j..k], lines).flat_map(str::chars));
        // (A photo credit alone closing the text says nothing of its
        // subject: the text alone tells.)
        let (caption, caption_heads) = match pieces.get(piece) {
            Some(Piece::Caption(ls)) => {
                let text = || ls.iter().flat_map(|&i| lines[i].text.chars());
                (Some(terms(&mut text())), self.headline_names_text(lines, text()))
            }
            Some(Piece::Credit(_) | Piece::Body(_)) => (None, false),
            _ => return None,
        };
        // Does the caption name the text over it: a word of the
        // caption's, not the text before's, that the text prints?
        let names =
            caption.as_deref().is_some_and(|c| c.iter().any(|&(g, found)| !found && text.iter().any(|&(h, _)| h == g)));
        let lead: String = parts_text(&parts[j..k], lines).flat_map(str::chars).take(LEAD_CHARS).collect();
        let lead = meta::opens_like_lead(&lead) && !between;
        Some(PhotoCandidate { first, lead, text, caption, between, names, short_before, caption_heads })
    }

    /// Which of `candidates` are photo items of their own: those between
    /// two captions, and those whose text and
    /// caption share few words with the text before them (the cuts
    /// [`Cut::PhotoTextShared`], [`Cut::PhotoTextUnnamed`],
    /// [`Cut::PhotoCaptionShared`]). The others, but a text after a short
    /// one sharing a word with it, are weighed at their gap
    /// ([`Term::PhotoShape`]), with their text's share.
    fn judge_photo_candidates(
        &self,
        lines: &[Line],
        candidates: Vec<PhotoCandidate>,
    ) -> (rustc_hash::FxHashSet<usize>, rustc_hash::FxHashMap<usize, PhotoShape>) {
        let mut out = rustc_hash::FxHashSet::default();
        let mut shaped = rustc_hash::FxHashMap::default();
        // In a text opening like a lead (`7月31日，`, `近日，`), a word
        // shared with the text before counts only when no other body of the
        // page holds it: words the page's items all print (`国家主席`,
        // `发展`) say nothing of one item's subject. (In any text, that made
        // spurious items of articles' last paragraphs, `下一步，…`; the
        // caption, naming what the photo shows, counts every shared word.)
        let holding = self.bodies_holding(
            lines,
            candidates
                .iter()
                .filter(|c| c.lead)
                .flat_map(|c| c.text.iter())
                .filter(|&&(_, found)| found)
                .map(|&(g, _)| g),
        );
        let shared = |terms: &[(u64, bool)], lead: bool| {
            let found = terms.iter().filter(|&&(g, f)| f && (!lead || holding.get(&g).is_none_or(|&n| n <= 1))).count();
            if terms.is_empty() { 1.0 } else { found as f32 / terms.len() as f32 }
        };
        // (A text sharing more than a few of its words with the text before
        // is a photo item only under a caption naming it.)
        for PhotoCandidate { first, lead, text, caption, between, names, short_before, caption_heads } in candidates {
            if short_before && shared(&text, false) > 0.0 {
                continue;
            }
            let own = shared(&text, lead);
            let caption_shared = caption.as_deref().map_or(0.0, |c| shared(c, false));
            if between
                || own <= self.params.cut(Cut::PhotoTextShared)
                    && (names || own <= self.params.cut(Cut::PhotoTextUnnamed))
                    && caption_shared <= self.params.cut(Cut::PhotoCaptionShared)
            {
                out.insert(first);
            } else {
                shaped.insert(first, PhotoShape { shared: own, named: names, caption_shared, caption_heads });
            }
        }
        (out, shaped)
    }

    /// The body lines after a closing formula (`王毅参加会见。`) that open
    /// like a lead (`9月10日，`, or naming its subject before its day:
    /// `全国政协主席某某3日在京会见…`) a text running on past its first sentence
    /// whose subject (the words between the lead's comma and its verb:
    /// `国家主席习近平` in `9月10日，国家主席习近平向…致贺信`) shares no word
    /// found in that body only with the text before: a visitor met, named
    /// there, laying a wreath after the talks (`…参加会见。5月31日下午，某国
    /// 总统某某前往…敬献花圈。在会见某某时，…`) goes on with the report.
    fn formula_gaps(&self, lines: &[Line]) -> rustc_hash::FxHashSet<usize> {
        let mut candidates: Vec<(usize, Vec<u64>)> = Vec::new();
        for seg in &self.segs {
            let parts = &seg.parts;
            for k in 1..parts.len() {
                let (BodyPart::Line(p), BodyPart::Line(i)) = (&parts[k - 1], &parts[k]) else { continue };
                if !is_sentence_end(&lines[*p].text) || !closing_formula(&parts[..k], lines) {
                    continue;
                }
                let after: String = parts_text(&parts[k..], lines).flat_map(str::chars).take(300).collect();
                if !(meta::opens_like_lead(&after) || meta::opens_with_subject_day(&after))
                    || after.matches(['。', '！', '？']).count() < 2
                {
                    continue;
                }
                let mut before: Vec<u64> = Vec::new();
                topic_terms(parts_text(&parts[..k], lines).flat_map(str::chars), |g| before.push(g));
                before.sort_unstable();
                let mut mine: Vec<u64> = Vec::new();
                topic_terms(lead_subject(&after).chars(), |g| {
                    if before.binary_search(&g).is_ok() {
                        mine.push(g);
                    }
                });
                mine.sort_unstable();
                mine.dedup();
                candidates.push((*i, mine));
            }
        }
        let bodies = self.bodies_holding(lines, candidates.iter().flat_map(|(_, c)| c.iter().copied()));
        candidates
            .into_iter()
            .filter(|(_, mine)| !mine.iter().any(|g| bodies.get(g).is_some_and(|&n| n == 1)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Is segment `s` printed straight after a headline run the line model
    /// reads as subheadings ([`Builder::subheads`])? Its text is then a
    /// section of the text before the run, not an item's whole text.
    fn after_subheading(&self, s: usize) -> bool {
        self.runs.iter().any(|r| {
            r.next == Some(s)
                && !r.lines.is_empty()
                && r.lines.iter().all(|&l| self.subheads.get(l).copied().unwrap_or(false))
        })
    }

    /// The words (topic terms) two or more bodies of this segmentation
    /// hold ([`Breaks::common`]).
    fn common_terms(&self, lines: &[Line]) -> rustc_hash::FxHashSet<u64> {
        let mut seen: rustc_hash::FxHashMap<u64, (u32, usize)> = rustc_hash::FxHashMap::default();
        for (s, seg) in self.segs.iter().enumerate() {
            topic_terms(seg.pieces(lines).flat_map(str::chars), |g| {
                let e = seen.entry(g).or_insert((0, usize::MAX));
                if e.1 != s {
                    e.1 = s;
                    e.0 += 1;
                }
            });
        }
        seen.into_iter().filter(|&(_, (n, _))| n >= 2).map(|(g, _)| g).collect()
    }

    /// For each of `terms`, how many bodies of the page hold it.
    fn bodies_holding(&self, lines: &[Line], terms: impl Iterator<Item = u64>) -> rustc_hash::FxHashMap<u64, u32> {
        let mut count: rustc_hash::FxHashMap<u64, (u32, usize)> = terms.map(|g| (g, (0, usize::MAX))).collect();
        if !count.is_empty() {
            for (s, seg) in self.segs.iter().enumerate() {
                topic_terms(seg.pieces(lines).flat_map(str::chars), |g| {
                    if let Some((n, last)) = count.get_mut(&g)
                        && *last != s
                    {
                        *last = s;
                        *n += 1;
                    }
                });
            }
        }
        count.into_iter().map(|(g, (n, _))| (g, n)).collect()
    }

    /// The captions (their pieces) that close a photo item: a caption
    /// after a finished sentence does when the text after it turns to
    /// another subject, i.e. shares no word (Han bigram, numbers aside)
    /// found nowhere else on the page with the text or the caption before
    /// it. The caption stays with the item it closes.
    ///
    /// Second, the captions that open the item after them
    /// ([`Term::OpeningCaption`]): a caption after a finished sentence
    /// whose words (one at least, found nowhere else on the page) come back
    /// in the text after it, that text sharing no such word with the text
    /// before the caption: a photo printed over its item's text. So does
    /// such a caption over a short text (a sentence or two up to the next
    /// item's start) sharing no such word with the text before, whatever
    /// words of the caption it takes up: a photo item printed caption
    /// first, as `pdftotext -raw` prints one.
    fn closing_captions(
        &self,
        lines: &[Line],
        pieces: &[Piece],
    ) -> (rustc_hash::FxHashSet<usize>, rustc_hash::FxHashSet<usize>) {
        let mut out = rustc_hash::FxHashSet::default();
        let mut opening = rustc_hash::FxHashSet::default();
        if self.caption_breaks.is_empty() {
            return (out, opening);
        }
        // Per caption: the terms its lead shares with the text and caption
        // before it (the candidates), sorted, and of those the ones the
        // text before the caption does not hold (the caption's alone), and
        // whether the text after is too short to close an item on, and
        // whether the caption may open the item after it (it shares few of
        // its words with the text before: a caption inside an article's
        // text names what the whole article reports).
        type Candidate = (usize, bool, bool, Vec<u64>, Vec<u64>);
        let mut candidates: Vec<Candidate> = Vec::new();
        for &(s, k, piece) in &self.caption_breaks {
            let parts = &self.segs[s].parts;
            if k == 0 || k >= parts.len() {
                continue;
            }
            let mut before: Vec<u64> = Vec::new();
            topic_terms(parts_text(&parts[..k], lines).flat_map(str::chars), |g| before.push(g));
            before.sort_unstable();
            let mut caption: Vec<u64> = Vec::new();
            let mut names_headline = false;
            if let Some(Piece::Caption(ls)) = pieces.get(piece) {
                let text = || ls.iter().flat_map(|&i| lines[i].text.chars());
                topic_terms(text(), |g| caption.push(g));
                names_headline = self.headline_names_text(lines, text());
            }
            caption.sort_unstable();
            caption.dedup();
            // (A caption naming a headline's subject is that headline's
            // article's photo, wherever it stands.)
            let known = caption.iter().filter(|g| before.binary_search(g).is_ok()).count();
            // (Nor does an item end after a paragraph or two of its text: the
            // least an item keeps before a photo item is cut off it.)
            let before_chars = || parts_text(&parts[..k], lines).map(|t| t.chars().count()).sum::<usize>();
            let may_open = !caption.is_empty()
                && !names_headline
                && before_chars() >= self.params.photo_before_min
                && known as f32 <= self.params.cut(Cut::OpeningCaptionShared) * caption.len() as f32;
            // A sentence or two is no item of its own (`王毅参加上述活动。`);
            // a photo item's text under its caption is one. That text ends
            // at the next caption in the body: past it is the next item's
            // text (the next photo's), not this caption's.
            let end = self
                .caption_breaks
                .iter()
                .filter(|&&(s2, k2, _)| s2 == s && k2 > k)
                .map(|&(_, k2, _)| k2)
                .min()
                .unwrap_or(parts.len());
            let lead = || parts_text(&parts[k..end], lines).flat_map(str::chars).take(200);
            let n = lead().count();
            if n < PHOTO_TEXT_MIN {
                continue;
            }
            let mut mine: Vec<u64> = Vec::new();
            let mut captions_own: Vec<u64> = Vec::new();
            topic_terms(lead(), |g| {
                if before.binary_search(&g).is_ok() {
                    mine.push(g);
                } else if caption.binary_search(&g).is_ok() {
                    mine.push(g);
                    captions_own.push(g);
                }
            });
            mine.sort_unstable();
            mine.dedup();
            captions_own.sort_unstable();
            captions_own.dedup();
            // (A short text, a sentence or two, is weighed only under a
            // caption that may open it: alone it is no item to close.)
            if n < 60 && !may_open {
                continue;
            }
            candidates.push((piece, n < 60, may_open, mine, captions_own));
        }
        // How many bodies hold each candidate (only those are counted).
        let mut all: Vec<u64> =
            candidates.iter().flat_map(|(_, _, _, c, o)| c.iter().chain(o.iter()).copied()).collect();
        all.sort_unstable();
        all.dedup();
        let mut bodies = vec![0u32; all.len()];
        if !all.is_empty() {
            let mut last = vec![usize::MAX; all.len()];
            for (s, seg) in self.segs.iter().enumerate() {
                topic_terms(seg.pieces(lines).flat_map(str::chars), |g| {
                    if let Ok(at) = all.binary_search(&g)
                        && last[at] != s
                    {
                        last[at] = s;
                        bodies[at] += 1;
                    }
                });
            }
        }
        let once = |g: &u64| all.binary_search(g).is_ok_and(|at| bodies[at] == 1);
        for (piece, short, may_open, mine, captions_own) in candidates {
            // Shared: a candidate found in one body only.
            // (The text after takes up the caption's own words far more
            // than the text before's: a word or two in common, `当地`,
            // `持续`, is no tie.)
            let shared = mine.iter().filter(|g| captions_own.binary_search(g).is_err()).filter(|g| once(g)).count();
            let own = captions_own.iter().filter(|g| once(g)).count();
            // A short text (a sentence or two running to the next item's
            // start) sharing no word of the page's with the text before is a
            // photo item's text under its caption (`pdftotext -raw` prints a
            // photo's caption before the text set under the photo), whether
            // or not it takes up the caption's words: the caption shares few
            // of its words with the text before, so it is no photo of that
            // text, and a last paragraph of that text would share a word
            // with it.
            if may_open && (own > 0 && shared * 3 < own || short && shared == 0) {
                opening.insert(piece);
            } else if !short && !mine.iter().any(once) {
                out.insert(piece);
            }
        }
        (out, opening)
    }

    /// The gap before body line `i`, segment `s` read so far: a candidate
    /// where the segment has finished a sentence and the line opens like an
    /// item (`近日，`, `3月5日，`), or where the line opens a photo item
    /// (`breaks`). Either evidence alone is common inside an article: an
    /// opener starts an item where the column's width changes too.
    /// `after` holds the body lines printed from line `i` on, up to the next
    /// headline, byline or caption (the column's width after the gap is
    /// read there, as it is read before the gap in the segment's own lines).
    pub(crate) fn body_gap(
        &self,
        lines: &[Line],
        s: usize,
        i: usize,
        after: &[Piece],
        breaks: &Breaks,
        signed: bool,
    ) -> Option<Boundary> {
        let photo = breaks.opening.contains(&i);
        let shaped = breaks.photo_shaped.get(&i);
        let prev = match self.segs[s].parts.last() {
            Some(BodyPart::Line(p)) => Some(*p),
            _ => None,
        };
        let closed = prev.is_some_and(|p| is_sentence_end(&lines[p].text));
        let lead_text = if closed { lead(lines, after) } else { String::new() };
        let opener = closed && meta::opens_like_lead(&lead_text);
        let subject =
            closed && !opener && (meta::opens_with_subject_day(&lead_text) || meta::opens_with_source(&lead_text));
        let dated = prev.is_some_and(|p| is_date_line(&lines[p].text));
        let notice = closed && opens_notice(&lead_text, lines, after);
        if !photo && shaped.is_none() && !opener && !subject && !dated && !signed && !notice {
            return None;
        }
        let mut b = Boundary::new(&self.params, i);
        if photo {
            b.add(Term::PhotoItem, 1.0);
        }
        if let Some(shape) = shaped {
            b.add(Term::PhotoShape, 1.0);
            b.add(Term::PhotoShared, shape.shared);
            if shape.named {
                b.add(Term::PhotoNamed, 1.0);
            }
            b.add(Term::PhotoCaptionShared, shape.caption_shared);
            if shape.caption_heads {
                b.add(Term::PhotoCaptionHeadline, 1.0);
            }
        }
        if signed {
            b.add(Term::ClosingByline, 1.0);
        }
        if dated {
            b.add(Term::ClosingDate, 1.0);
        }
        if opener {
            b.add(Term::Opener, 1.0);
        }
        if subject {
            b.add(Term::SubjectLead, 1.0);
        }
        if (opener || subject)
            && (breaks.after_formula.contains(&i)
                || runs_to_caption(lines, after) && closing_formula(&self.segs[s].parts, lines))
        {
            b.add(Term::ClosingFormula, 1.0);
        }
        if signed && closed && runs_to_caption(lines, after) {
            b.add(Term::CaptionRun, 1.0);
        }
        if subject && self.turns_away(lines, s, after, TURN_MIN_TERMS, Some(&breaks.common)) {
            b.add(Term::TopicShift, 1.0);
        }
        if (opener && names_its_date(&lead_text) || signed && closed)
            && self.turns_away(lines, s, after, self.params.opener_turn_min_terms, None)
        {
            b.add(Term::OpenerShift, 1.0);
        }
        if notice {
            b.add(Term::NoticeOpens, 1.0);
        }
        if (opener || subject || dated || signed) && self.width_changes(lines, s, after) {
            b.add(Term::WidthChange, 1.0);
        }
        Some(b)
    }

    /// Does the first sentence of the body lines `after` the gap turn away
    /// from the text of segment `s` read so far: at most
    /// [`Cut::TurnShared`] of its words found there (of at least
    /// `min_terms`, and against a text before of at least
    /// [`TURN_BEFORE_MIN`] characters: against less, a paragraph turning
    /// to the next stop of a tour shares as few)? With `common` (the
    /// page's common words, [`Breaks::common`]), a word found there counts
    /// only when it is none of them: two items printed one after the other
    /// share the page's stock words (`国家`, `今天`, `发展`), not the names
    /// and things one item is about. A gap weighed with `common` that does
    /// not turn away is noted ([`Builder::turn_missed`]): the page is read
    /// again with its common words then.
    fn turns_away(
        &self,
        lines: &[Line],
        s: usize,
        after: &[Piece],
        min_terms: usize,
        common: Option<&rustc_hash::FxHashSet<u64>>,
    ) -> bool {
        let parts = &self.segs[s].parts;
        let before_chars: usize = parts_text(parts, lines).map(|t| t.chars().count()).sum();
        if before_chars < TURN_BEFORE_MIN {
            return false;
        }
        let sentence = first_sentence(lines, after);
        let mut before: Vec<u64> = Vec::new();
        topic_terms(parts_text(parts, lines).flat_map(str::chars), |g| before.push(g));
        before.sort_unstable();
        before.dedup();
        let mut mine: Vec<u64> = Vec::new();
        topic_terms(sentence.chars(), |g| mine.push(g));
        mine.sort_unstable();
        mine.dedup();
        if mine.len() < min_terms {
            return false;
        }
        let found =
            mine.iter().filter(|g| before.binary_search(g).is_ok() && !common.is_some_and(|c| c.contains(g))).count();
        let turns = found as f32 <= self.params.cut(Cut::TurnShared) * mine.len() as f32;
        if !turns && common.is_some() {
            self.turn_missed.set(true);
        }
        turns
    }

    /// Does a headline run read so far share at least
    /// [`HEADLINE_SHARED_MIN`] words with `text`?
    fn headline_names_text(&self, lines: &[Line], text: impl Iterator<Item = char>) -> bool {
        let mut mine: Vec<u64> = Vec::new();
        topic_terms(text, |g| mine.push(g));
        mine.sort_unstable();
        mine.dedup();
        self.runs.iter().any(|run| {
            let mut found: Vec<u64> = Vec::new();
            topic_terms(run.lines.iter().flat_map(|&i| lines[i].text.chars()), |g| {
                if mine.binary_search(&g).is_ok() {
                    found.push(g);
                }
            });
            found.sort_unstable();
            found.dedup();
            found.len() >= self.params.headline_shared_min
        })
    }

    /// Does the column's width change between the last body lines of
    /// segment `s` and the body lines `after` the gap (by 8 columns or
    /// more)? The widest of a few lines on each side is the column's width
    /// (a paragraph's first and last lines are shorter); a headline on
    /// either side is no part of the column.
    fn width_changes(&self, lines: &[Line], s: usize, after: &[Piece]) -> bool {
        let text = |l: &&Line| l.role == Role::Text && !heads::is_long(l);
        let w = |l: &Line| if l.justified { l.text_width } else { l.width };
        let mut own = self.segs[s].parts.iter().rev().map_while(|p| match p {
            BodyPart::Line(j) => Some(&lines[*j]),
            BodyPart::Own(_) => None,
        });
        let mut next = after.iter().map_while(|p| match p {
            Piece::Body(j) => Some(&lines[*j]),
            _ => None,
        });
        // The widest of up to four text lines, and how many there were.
        let widest = |ls: &mut dyn Iterator<Item = &Line>| {
            ls.take_while(text).take(4).fold((0, 0), |(most, n), l| (most.max(w(l)), n + 1))
        };
        let (before, nb) = widest(&mut own);
        let (after, na) = widest(&mut next);
        nb >= 2 && na >= 2 && before.abs_diff(after) >= 8
    }
}

/// Where the last paragraph of body `parts` before part `k` (a caption
/// there) starts: the line after the last one that ends a sentence (or a
/// notice's date), that line set in when the body sets in its paragraphs'
/// first lines. In a body that sets its paragraphs in, a photo item's text
/// set in a box of its own, at another width, may be set flush: its first
/// line follows a finished sentence, and the lines from it to the caption
/// are all narrower than the column before it by 8 columns or more, or,
/// two lines at least, all wider (on the fitting set's training pages +2
/// items exact on real `-layout`, its check pages +2 there, no shape
/// losing).
fn last_paragraph(parts: &[BodyPart], lines: &[Line], k: usize) -> Option<usize> {
    let indents = parts[..k].iter().filter(|p| matches!(p, BodyPart::Line(i) if lines[*i].indented)).count();
    let j = (1..k).rev().find(|&j| match (&parts[j - 1], &parts[j]) {
        (BodyPart::Line(p), BodyPart::Line(q)) => {
            let closed = is_sentence_end(&lines[*p].text) || is_date_line(&lines[*p].text);
            closed && (indents < 2 || lines[*q].indented)
        }
        _ => false,
    })?;
    if indents < 2 {
        return Some(j);
    }
    let boxed = |j: usize| {
        let width = |ps: &[BodyPart]| {
            ps.iter().filter_map(|p| if let BodyPart::Line(i) = p { Some(lines[*i].width) } else { None }).max()
        };
        let before = width(&parts[j.saturating_sub(4)..j]);
        let (least, most) = parts[j..k].iter().fold((usize::MAX, 0), |(lo, hi), p| match p {
            BodyPart::Line(i) => (lo.min(lines[*i].width), hi.max(lines[*i].width)),
            BodyPart::Own(_) => (lo, hi),
        });
        before.is_some_and(|w| most + 8 <= w || least >= w + 8 && k - j >= 2)
    };
    Some(
        (j + 1..k)
            .rev()
            .find(|&q| {
                matches!((&parts[q - 1], &parts[q]), (BodyPart::Line(p), BodyPart::Line(_)) if is_sentence_end(&lines[*p].text))
                    && boxed(q)
            })
            .unwrap_or(j),
    )
}

/// The first characters of the body text `after` a gap (its first body
/// lines, up to [`LEAD_CHARS`]): enough to read how it opens when a narrow
/// column cuts its first clause (`今天（10` / `月12日），`).
fn lead(lines: &[Line], after: &[Piece]) -> String {
    // (Room for the lead's characters, most of three bytes, made once; its
    // length in characters counted a line at a time.)
    let mut text = String::with_capacity(3 * LEAD_CHARS + 64);
    let mut chars = 0;
    for p in after {
        let Piece::Body(j) = p else { break };
        text.push_str(&lines[*j].text);
        chars += lines[*j].text.chars().count();
        if chars >= LEAD_CHARS {
            break;
        }
    }
    text
}

/// How a notice's preamble opens: its purpose or its ground
/// ([`opens_notice`]).
const NOTICE_GROUNDS: [&str; 6] = ["为进一步", "为了", "为切实", "根据", "按照", "依据"];

/// The most characters of a notice's preamble, up to its `如下：`
/// ([`opens_notice`]).
const NOTICE_PREAMBLE_MAX: usize = 120;

/// Does the body text `after` a gap (its opening `lead`) open a notice's
/// preamble ([`Term::NoticeOpens`]): a first sentence giving the notice's
/// purpose or ground ([`NOTICE_GROUNDS`]: `为进一步做好…`, `根据…`) that
/// ends by announcing what follows (`…现将有关事项公告如下：`), within
/// [`NOTICE_PREAMBLE_MAX`] characters? A report's paragraph may open with a
/// purpose, but does not stop its first sentence on `如下：`.
fn opens_notice(lead: &str, lines: &[Line], after: &[Piece]) -> bool {
    if !NOTICE_GROUNDS.iter().any(|w| lead.starts_with(w)) {
        return false;
    }
    let mut text = String::new();
    for p in after {
        let Piece::Body(j) = p else { break };
        text.push_str(&lines[*j].text);
        if text.contains(['。', '！', '？', '：', ':']) || text.chars().count() >= NOTICE_PREAMBLE_MAX {
            break;
        }
    }
    let text: String = text.chars().take(NOTICE_PREAMBLE_MAX).collect();
    text.find(['。', '！', '？', '：', ':']).is_some_and(|at| {
        let head = &text[..at];
        text[at..].starts_with(['：', ':']) && head.ends_with("如下")
    })
}

/// The most characters of the clause a paragraph reporting what was said
/// opens with (`国务院新闻办负责人表示，`).
const GOES_ON_CLAUSE_MAX: usize = 12;

/// Does a paragraph (its opening text `lead`) open by reporting what was
/// said, its first clause (up to the first comma, at most
/// [`GOES_ON_CLAUSE_MAX`] characters) ending in a reporting verb
/// ([`meta::REPORTING_VERBS`]) and giving
/// no day, number or time of its own (`李强表示，`, `据介绍，`)? Such a
/// paragraph goes on with an article whose speaker or subject it has
/// already named: a news item's lead dates its report (`外交部发言人
/// 某某12日表示，`, `胡塞武装一名官员13日称，`).
pub(crate) fn goes_on(lead: &str) -> bool {
    let Some((clause, _)) = lead.split_once(['，', ',']) else { return false };
    let n = clause.chars().count();
    (2..=GOES_ON_CLAUSE_MAX).contains(&n)
        && clause.chars().all(is_han)
        && !clause.contains(['日', '月', '年', '时'])
        && meta::REPORTING_VERBS.iter().any(|v| clause.ends_with(v))
}

/// The gap's terms after a caption that would close the item before it
/// (`after`: the pieces after the caption): [`Term::ClosingCaption`], and
/// [`Term::GoesOn`] where the text after it reports what was said, weighed
/// by `p`.
pub(crate) fn caption_gap(p: &Params, lines: &[Line], line: usize, after: &[Piece]) -> Boundary {
    let mut b = Boundary::new(p, line);
    b.add(Term::ClosingCaption, 1.0);
    if goes_on(&lead(lines, after)) {
        b.add(Term::GoesOn, 1.0);
    }
    b
}

/// The gap's terms before a caption that would open the item after it
/// (`after`: the pieces after the caption): [`Term::OpeningCaption`], and
/// [`Term::GoesOn`] where the text after it reports what was said, weighed
/// by `p`.
pub(crate) fn opening_caption_gap(p: &Params, lines: &[Line], line: usize, after: &[Piece]) -> Boundary {
    let mut b = Boundary::new(p, line);
    b.add(Term::OpeningCaption, 1.0);
    if goes_on(&lead(lines, after)) {
        b.add(Term::GoesOn, 1.0);
    }
    b
}

/// Does a lead's opening time (its first clause) name more than a day
/// alone (`3月5日，`, `近日，`, `今天（2月28日），`; not `22日，`, which
/// opens the next day's paragraph of one report as often)?
fn names_its_date(lead: &str) -> bool {
    let clause = lead.split(['，', ',']).next().unwrap_or("");
    clause.contains('月') || ["近", "日前", "连日", "前不久"].iter().any(|w| clause.starts_with(w))
}

/// The first sentence of the body lines `after` a gap, at most
/// [`TURN_CHARS`] characters.
fn first_sentence(lines: &[Line], after: &[Piece]) -> String {
    let mut sentence = String::new();
    for p in after {
        let Piece::Body(j) = p else { break };
        sentence.push_str(&lines[*j].text);
        if sentence.contains(['。', '！', '？']) || sentence.chars().count() >= TURN_CHARS {
            break;
        }
    }
    sentence.split_inclusive(['。', '！', '？']).next().unwrap_or("").chars().take(TURN_CHARS).collect()
}

/// The fewest words a headline on the page must share with a caption for
/// the caption to name its subject (`Builder::headline_names_text`). (Read
/// from [`Params::headline_shared_min`].)
pub const HEADLINE_SHARED_MIN: usize = 7;

/// How many characters of the first sentence after an opener
/// [`Builder::turns_away`] reads.
const TURN_CHARS: usize = 100;

/// The fewest words (Han bigrams) that first sentence must hold to tell.
const TURN_MIN_TERMS: usize = 8;

/// The fewest words the first sentence after an opener must hold to tell
/// ([`Term::OpenerShift`]): a short first sentence (`连日来，南方多地遭遇
/// 暴雨。`) opens a paragraph of a roundup as often as an item. (Read
/// from [`Params::opener_turn_min_terms`].)
pub const OPENER_TURN_MIN_TERMS: usize = 16;

/// The least text the item before the gap must hold for
/// [`Builder::turns_away`] to tell.
const TURN_BEFORE_MIN: usize = 300;

/// How many characters of a text's opening [`lead`] reads.
const LEAD_CHARS: usize = 40;

/// Does the body text `after` a gap run a sentence or two
/// ([`PHOTO_TEXT_MIN`] to [`PHOTO_TEXT_MAX`] characters, a sentence
/// finished) straight to a caption or a photo credit: a photo item's text
/// over its caption?
fn runs_to_caption(lines: &[Line], after: &[Piece]) -> bool {
    let mut chars = 0;
    let mut finished = false;
    for p in after {
        match p {
            Piece::Body(j) => {
                chars += lines[*j].text.chars().count();
                finished |= lines[*j].text.contains(['。', '！', '？']);
                if chars > PHOTO_TEXT_MAX {
                    return false;
                }
            }
            Piece::Caption(_) | Piece::Credit(_) => return finished && chars >= PHOTO_TEXT_MIN,
            _ => return false,
        }
    }
    false
}

/// The most characters a closing formula (`王毅参加会见。`) holds.
const FORMULA_MAX: usize = 40;

/// The most characters a closing formula listing those who attended
/// (`王沪宁、蔡奇、丁薛祥、李希、某某等参加会见。`) holds: the names and
/// offices of a leadership, joined by `、`, run past [`FORMULA_MAX`].
const FORMULA_LIST_MAX: usize = 120;

/// Does a body (its `parts`) end in a closing formula: a paragraph of one
/// short sentence naming who attended (`…参加会见。`, `…出席会议。`; not
/// `…陪同考察。`, which closes one stop of a tour told in sections) or
/// saying the meeting turned to other business (`会议还研究了其他事项。`),
/// its attendance a list of names up to [`FORMULA_LIST_MAX`] characters
/// (on the fitting set's training pages +4 items exact, no shape losing)?
/// Its paragraph is its last lines back to one that follows a finished
/// sentence.
fn closing_formula(parts: &[BodyPart], lines: &[Line]) -> bool {
    let mut text: Vec<&str> = Vec::new();
    let mut chars = 0;
    for (k, part) in parts.iter().enumerate().rev() {
        let BodyPart::Line(j) = part else { return false };
        text.push(&lines[*j].text);
        chars += lines[*j].text.chars().count();
        if chars > FORMULA_LIST_MAX {
            return false;
        }
        let starts = match k.checked_sub(1).map(|q| &parts[q]) {
            Some(BodyPart::Line(q)) => is_sentence_end(&lines[*q].text),
            _ => true,
        };
        if starts {
            break;
        }
    }
    // (Made in a string of the size it needs.)
    let mut sentence = String::with_capacity(text.iter().map(|t| t.len()).sum());
    sentence.extend(text.into_iter().rev());
    let Some(body) = sentence.strip_suffix('。') else { return false };
    if body.contains(['。', '！', '？', '；']) {
        return false;
    }
    // (Longer, it is a list of those who attended, names and offices
    // joined by `、` with no clause of its own.)
    if sentence.chars().count() > FORMULA_MAX && (!body.contains('、') || body.contains(['，', ','])) {
        return false;
    }
    // (Its last eight characters, a slice of it.)
    let tail = body.char_indices().nth_back(7).map_or(body, |(at, _)| &body[at..]);
    body.ends_with("其他事项") || ["参加", "出席"].iter().any(|w| tail.contains(w)) && !tail.contains(['，', ','])
}

/// The subject of a lead (`9月10日，国家主席习近平向…`): its words after the
/// opening time's comma, up to its verb (a character of `在向于同前出会`
/// after the first two) or the next comma, at most 16 characters. A lead
/// naming its subject before its day (`全国政协主席某某3日在京会见…`,
/// [`meta::opens_with_subject_day`]) names it before the day's figure.
fn lead_subject(lead: &str) -> String {
    if !meta::opens_like_lead(lead) && meta::opens_with_subject_day(lead) {
        let subject: String = lead.chars().take_while(|c| !c.is_ascii_digit()).take(16).collect();
        // (A day named from the issue's, `某某今天（3月5日）`, is no part of
        // the subject.)
        let end = meta::TODAY_WORDS.iter().filter_map(|w| subject.find(w)).min().unwrap_or(subject.len());
        return subject[..end].to_string();
    }
    let Some((_, rest)) = lead.split_once(['，', ',']) else { return String::new() };
    let mut out = String::new();
    for (n, c) in rest.chars().enumerate() {
        if n >= 16 || matches!(c, '，' | ',' | '。') || n >= 2 && "在向于同前出会".contains(c) {
            break;
        }
        out.push(c);
    }
    out
}

/// The gap at a headline run (its first line `line`) standing between two
/// bodies that nothing else closes or opens (no closing byline or date
/// before it, no opening byline after it): an item starts there unless the
/// line model reads the run as a subheading (`subheading`), weighed by `p`.
pub fn at_run(p: &Params, line: usize, subheading: bool) -> Boundary {
    let mut b = Boundary::new(p, line);
    b.add(Term::HeadlineRun, 1.0);
    if subheading {
        b.add(Term::Subheading, 1.0);
    }
    b
}

/// Lines the model is this sure are body are never promoted, unless they
/// have the shape of a notice's title ([`Term::NoticeTitle`]).
pub const FLOOR: f32 = -200.0;

/// How many characters of text on each side a candidate is matched with.
const WINDOW: usize = 300;

/// The shortest and longest headline (in Han characters) considered.
const MIN_HAN: usize = 5;
const MAX_HAN: usize = 48;

/// Turns into headlines the body lines that start an item by what they say:
/// a headline left in the body (an item with no opening byline runs
/// straight on from the one before it, its headline as wide as the column)
/// names the text after it and not the text before it. A candidate is a
/// line set apart by a blank line (or, where an extractor prints no blank
/// lines, one over a lead, [`Term::Opener`] or [`Term::SubjectLead`], or
/// shaped as a notice's title) that stands after a finished sentence (or
/// a caption, credit or closing byline) and before body text, and neither
/// finishes a sentence itself nor holds a comma (a paragraph's first clause
/// does); its boundary adds its heading margin ([`Term::HeadingMargin`])
/// and how much better its words match the text after it than before it
/// ([`Term::ContentMatch`]), [`Term::NoticeTitle`] for a line of a
/// notice title's shape, and [`Term::Opener`] or [`Term::SubjectLead`]
/// when the line under it opens like a lead. `sure` is the line model's heading margin per
/// line; `head` the headline verdicts so far, changed in place; the
/// boundaries weighed are pushed to `trace` when given; the terms are
/// weighed by `params`.
pub fn promote(
    params: &Params,
    lines: &[Line],
    sure: &[f32],
    head: &mut [bool],
    mut trace: Option<&mut Vec<Boundary>>,
) {
    let mut terms: Vec<u64> = Vec::new();
    // A page printing no blank line anywhere sets no headline apart.
    // A page printing a blank line after (nearly) every line: there a blank
    // line sets nothing apart, a line is set apart only by a wider gap, and
    // any other line is weighed as on a page printing no blank lines.
    let double = double_spaced(lines);
    let pitch = if double { 2 } else { 1 };
    let unspaced = double || !lines.windows(2).any(|w| w[1].no > w[0].no + 1);
    for i in 0..lines.len() {
        if head[i] || lines[i].role != Role::Text {
            continue;
        }
        let text = lines[i].text.as_str();
        // It stands where an item may start: after a finished sentence (or
        // a caption, credit or closing byline) and before body text. (The
        // cheapest tests first: most lines are body lines.)
        let (Some(p), n) = (i.checked_sub(1), i + 1) else { continue };
        let after_end = match lines[p].role {
            Role::Text => !head[p] && is_sentence_end(&lines[p].text),
            Role::Caption { .. } | Role::PhotoCredit | Role::TrailByline | Role::Jump => true,
            _ => false,
        };
        if !after_end || n >= lines.len() || lines[n].role != Role::Text || head[n] {
            continue;
        }
        if is_sentence_end(text) || text.contains(['。', '，', ',']) {
            continue;
        }
        let han = text.chars().filter(|&c| is_han(c)).count();
        if !(MIN_HAN..=MAX_HAN).contains(&han) || heads::opens_dialogue(text) {
            continue;
        }
        // A notice's title is weighed however sure the model is: printed as
        // wide as the column, it reads as body. (Asked only of the lines
        // that pass the tests above: most lines are body lines.)
        let notice = meta::is_notice_heading(text, &lines[n].text);
        // The line under it opens like a news item's lead (`近日，`,
        // `今天（3月5日），`, read over its wrap): an item starts around it;
        // or like a lead naming its subject before its day
        // (`国务院总理某某5日在京会见…`): weaker evidence.
        let opener = opens_lead(lines, n);
        if sure[i] <= FLOOR && !notice && !opener {
            continue;
        }
        let subject = !opener && meta::opens_with_subject_day(&lines[n].text);
        // Set apart by a blank line on either side; or over a lead or as a
        // notice's title (an extractor that prints no blank lines,
        // `pdftotext -raw`, sets nothing apart); or on a page that prints
        // no blank line between any two lines, at the cost of
        // [`Term::Unspaced`].
        let apart = !(lines[p].no + pitch >= lines[i].no && lines[n].no <= lines[i].no + pitch);
        let led = opener || subject || notice;
        if !apart && !unspaced && !led {
            continue;
        }
        let unspaced_cost = !apart && !led;
        let unspaced_w = if unspaced_cost { params.weight(Term::Unspaced) } else { 0.0 };
        // A paragraph's first line set apart by a stray blank line reads on
        // into the line under it (a notice's title wraps the same way): a
        // line the line model reads as body is not promoted on its words
        // then.
        // With no blank line to set it apart, a line is asked not to read
        // on however the model reads it, and its word cut at the seam counts
        // whatever the line under it holds (a narrow column's lines often
        // hold no clause mark).
        if !notice && (sure[i] < 0.0 || !apart) && reads_on(lines, head, i, n, !apart && !double, double) {
            continue;
        }
        // Upper bound first: even a perfect match would not be enough.
        if params.weight(Term::Gap)
            + params.weight(Term::SetApart)
            + params.weight(Term::HeadingMargin) * sure[i]
            + params.weight(Term::ContentMatch)
            + if notice { params.weight(Term::NoticeTitle) } else { 0.0 }
            + unspaced_w
            + if opener { params.weight(Term::Opener) } else { 0.0 }
            + if subject { params.weight(Term::SubjectLead) } else { 0.0 }
            <= 0.0
        {
            continue;
        }
        terms.clear();
        bigrams(text.chars(), |g| terms.push(g));
        terms.sort_unstable();
        terms.dedup();
        if terms.len() < 3 {
            continue;
        }
        let fwd = share(&terms, lines, head, i + 1..lines.len());
        let bwd = share(&terms, lines, head, (0..i).rev());
        let mut b = Boundary::new(params, i);
        b.add(Term::SetApart, 1.0);
        if unspaced_cost {
            b.add(Term::Unspaced, 1.0);
        }
        b.add(Term::HeadingMargin, sure[i]);
        b.add(Term::ContentMatch, (fwd - bwd).max(BACK_SHARE * (bwd - fwd)));
        if notice {
            b.add(Term::NoticeTitle, 1.0);
        }
        if opener {
            b.add(Term::Opener, 1.0);
        }
        if subject {
            b.add(Term::SubjectLead, 1.0);
        }
        head[i] = b.starts();
        if let Some(t) = trace.as_deref_mut() {
            t.push(b);
        }
    }
    promote_pairs(params, lines, sure, head, trace, (double, pitch, unspaced));
}

/// [`promote`] for a headline left in the body wrapped over two lines
/// (`我国发布心脑血管疾病和` / `癌症防治行动实施方案`, a narrow column's
/// headline that an extractor prints in the column's flow): its first line
/// alone is never weighed, since it reads on into its second, and half a
/// headline's words match the text after it too little to tell. The two
/// lines are weighed as one, with [`promote`]'s terms: after a finished
/// sentence (or a caption, credit or closing byline) and before body text,
/// neither finishing a sentence nor holding a clause mark, set apart as one
/// line is (or over a lead), the second not reading on into the body under
/// it; their heading margin ([`Term::HeadingMargin`]) is the mean of the
/// two lines' (a headline's tail, a few characters, reads as a paragraph's
/// last line to the line model). On the fitting set's training pages +3
/// items exact (columns +2, real `pdftotext` +1), its check pages +2 (real
/// `-raw`), no item spurious more. (`page`: whether the page is double
/// spaced, its line pitch, and whether it prints no blank line, as
/// [`promote`] read them.)
fn promote_pairs(
    params: &Params,
    lines: &[Line],
    sure: &[f32],
    head: &mut [bool],
    mut trace: Option<&mut Vec<Boundary>>,
    (double, pitch, unspaced): (bool, usize, bool),
) {
    let mut terms: Vec<u64> = Vec::new();
    for i in 1..lines.len().saturating_sub(2) {
        let (p, m, n) = (i - 1, i + 1, i + 2);
        if head[i] || head[m] || head[n] || [i, m, n].iter().any(|&j| lines[j].role != Role::Text) {
            continue;
        }
        // (The cheapest tests first: most lines are body lines.)
        let after_end = match lines[p].role {
            Role::Text => !head[p] && is_sentence_end(&lines[p].text),
            Role::Caption { .. } | Role::PhotoCredit | Role::TrailByline | Role::Jump => true,
            _ => false,
        };
        if !after_end {
            continue;
        }
        let (first, second) = (lines[i].text.as_str(), lines[m].text.as_str());
        if [first, second].iter().any(|t| is_sentence_end(t) || t.contains(['。', '，', ',', '；', '：']))
            || heads::opens_dialogue(first)
        {
            continue;
        }
        let han = first.chars().chain(second.chars()).filter(|&c| is_han(c)).count();
        if !(MIN_HAN..=MAX_HAN).contains(&han) {
            continue;
        }
        let opener = opens_lead(lines, n);
        let margin = (sure[i] + sure[m]) / 2.0;
        if margin <= FLOOR && !opener {
            continue;
        }
        let subject = !opener && meta::opens_with_subject_day(&lines[n].text);
        let apart = !(lines[p].no + pitch >= lines[i].no && lines[n].no <= lines[m].no + pitch);
        let led = opener || subject;
        if !apart && !unspaced && !led {
            continue;
        }
        let unspaced_cost = !apart && !led;
        if reads_on(lines, head, m, n, !apart && !double, double) {
            continue;
        }
        terms.clear();
        bigrams(first.chars().chain(second.chars()), |g| terms.push(g));
        terms.sort_unstable();
        terms.dedup();
        if terms.len() < 3 {
            continue;
        }
        let fwd = share(&terms, lines, head, n..lines.len());
        let bwd = share(&terms, lines, head, (0..i).rev());
        let mut b = Boundary::new(params, i);
        b.add(Term::SetApart, 1.0);
        if unspaced_cost {
            b.add(Term::Unspaced, 1.0);
        }
        b.add(Term::HeadingMargin, margin);
        b.add(Term::ContentMatch, (fwd - bwd).max(BACK_SHARE * (bwd - fwd)));
        if opener {
            b.add(Term::Opener, 1.0);
        }
        if subject {
            b.add(Term::SubjectLead, 1.0);
        }
        if b.starts() {
            head[i] = true;
            head[m] = true;
        }
        if let Some(t) = trace.as_deref_mut() {
            t.push(b);
        }
    }
}

/// Does body line `n` open like a news item's lead
/// ([`meta::opens_like_lead`]), read with the start of the line under it
/// when the opener wraps (`今天（11月17日）` / `，…`)?
fn opens_lead(lines: &[Line], n: usize) -> bool {
    let text = lines[n].text.as_str();
    if meta::opens_like_lead(text) {
        return true;
    }
    let Some(next) = lines.get(n + 1).filter(|l| l.role == Role::Text && !text.contains(['，', ','])) else {
        return false;
    };
    let head: String = next.text.chars().take(4).collect();
    meta::opens_like_lead(&format!("{text}{head}"))
}

/// Does line `i` read on into body line `n` under it, as a paragraph's
/// first line does, the line under it running text (a clause or a
/// sentence in it): a bracket or quotation left open (round brackets aside),
/// a last character that joins what follows (`的`, `和`, `、`: see
/// [`READS_ON`](super::units::READS_ON)), or a word cut at the seam, the two
/// characters either side of it making a bigram that the body text near it
/// prints (`…中央军委副主` / `席张又侠…`)? A headline's last line and its
/// body's first line make no such word. (`unspaced`: no blank line sets
/// line `i` apart, and the line under it need hold no clause; `double`:
/// the page prints a blank line after every line, and the line under it
/// need hold no clause where both lines fill the column, [`fill_column`].)
fn reads_on(lines: &[Line], head: &[bool], i: usize, n: usize, unspaced: bool, double: bool) -> bool {
    let (text, next) = (lines[i].text.as_str(), lines[n].text.as_str());
    // (A headline's tail read as body, `…城乡` / `环境卫生整治见实效`, holds
    // no clause: the line under it must be running text, unless no blank
    // line set the line apart.)
    // (Nor, on a page printing a blank line after every line, where both
    // lines run to the column's edge: there the blank lines set nothing
    // apart, and a line broken by the column, not by hand, reads on
    // whatever the line under it holds, as a paragraph's first line over a
    // narrow column's next does.)
    let by_column = double && fill_column(lines, head, i, n);
    if !(unspaced || by_column || next.contains(['，', '。', '；'])) {
        return false;
    }
    if super::units::left_open(&text.replace(['（', '(', '）', ')'], ""))
        || text.ends_with(super::units::READS_ON)
        || next.starts_with(['】', '”', '》', '」'])
    {
        return true;
    }
    let (Some(last), Some(first)) = (text.chars().last(), next.chars().next()) else { return false };
    let mut seam = None;
    bigrams([last, first].into_iter(), |g| seam = Some(g));
    let Some(seam) = seam else { return false };
    // (Read until the bigram is met: the rest of the window cannot undo it.)
    window_until(lines, head, n..lines.len(), |g| g == seam) || window_until(lines, head, (0..i).rev(), |g| g == seam)
}

/// Does the page print a blank line after every line, or nearly (more
/// steps of two between the numbers of lines printed one after the other
/// than steps of one), as some extractors print a newspaper's columns?
fn double_spaced(lines: &[Line]) -> bool {
    let (mut one, mut two) = (0usize, 0usize);
    for w in lines.windows(2) {
        match w[1].no.saturating_sub(w[0].no) {
            1 => one += 1,
            2 => two += 1,
            _ => {}
        }
    }
    two > one
}

/// The most columns a line may stop short of its column and still fill it
/// ([`fill_column`]): one character and a half-width mark.
const FULL_SLACK: usize = 3;

/// Do line `i` and body line `n` under it both run to the column's edge
/// (within [`FULL_SLACK`]), the column being the widest of up to four body
/// lines from `n` on? A paragraph's first line set flush left fills its
/// column and breaks where the column does, wherever a word runs; a
/// headline is broken by hand, its lines stopping short of the column or
/// its tail shorter than its head.
fn fill_column(lines: &[Line], head: &[bool], i: usize, n: usize) -> bool {
    let w = |l: &Line| if l.justified { l.text_width } else { l.width };
    let column = (n..lines.len())
        .take_while(|&j| lines[j].role == Role::Text && !head[j])
        .take(4)
        .map(|j| w(&lines[j]))
        .max()
        .unwrap_or(0);
    column > 0 && w(&lines[i]) + FULL_SLACK >= column && w(&lines[n]) + FULL_SLACK >= column
}

/// The bigrams of the body text met going through `order` (line indices),
/// up to [`WINDOW`] characters, stopping at a headline or a byline.
fn window(lines: &[Line], head: &[bool], order: impl Iterator<Item = usize>, mut f: impl FnMut(u64)) {
    window_until(lines, head, order, |g| {
        f(g);
        false
    });
}

/// [`window`], its bigrams handed to `stop` until it says `true` (then
/// `true` is returned, and the rest of the window is not read).
fn window_until(
    lines: &[Line],
    head: &[bool],
    order: impl Iterator<Item = usize>,
    mut stop: impl FnMut(u64) -> bool,
) -> bool {
    let mut taken = 0;
    for j in order {
        if taken >= WINDOW {
            break;
        }
        let l = &lines[j];
        match l.role {
            Role::Text if head[j] => break,
            Role::Text | Role::Caption { .. } => {}
            Role::Byline { .. } => break,
            _ => continue,
        }
        // (The Han test of [`HanChars`]: one look-up per character of the
        // common blocks.)
        if pair_bigrams_until(HanChars::of(&l.text).inspect(|_| taken += 1), &mut stop) {
            return true;
        }
    }
    false
}

/// Share of `terms` (sorted, each once) found in the [`window`] of body
/// text met going through `order`.
fn share(terms: &[u64], lines: &[Line], head: &[bool], order: impl Iterator<Item = usize>) -> f32 {
    if terms.is_empty() {
        return 0.0;
    }
    // A bit per value of a term's second character's low ten bits: most
    // bigrams of the window are told absent without a search.
    let mut second = [0u64; 16];
    for &t in terms {
        let low = (t & 1023) as usize;
        second[low / 64] |= 1 << (low % 64);
    }
    let mut seen = vec![false; terms.len()];
    window(lines, head, order, |g| {
        let low = (g & 1023) as usize;
        if second[low / 64] & (1 << (low % 64)) == 0 {
            return;
        }
        if let Ok(k) = terms.binary_search(&g) {
            seen[k] = true;
        }
    });
    let found = seen.iter().filter(|&&x| x).count();
    found as f32 / terms.len() as f32
}

/// The Han character bigrams of a text, each handed to `f` (numerals too:
/// a headline's figures come back in its text).
fn bigrams(text: impl Iterator<Item = char>, f: impl FnMut(u64)) {
    han_bigrams(text, |_| false, f);
}

/// The words of a text (its characters) that say what it is about, each
/// handed to `f`: Han bigrams with no numeral in them (`二十`, `千余` say
/// nothing of the subject).
fn topic_terms(text: impl Iterator<Item = char>, f: impl FnMut(u64)) {
    han_bigrams(
        text,
        |c| {
            matches!(
                c,
                '〇' | '一'
                    | '二'
                    | '三'
                    | '四'
                    | '五'
                    | '六'
                    | '七'
                    | '八'
                    | '九'
                    | '十'
                    | '百'
                    | '千'
                    | '万'
                    | '亿'
                    | '余'
                    | '两'
            )
        },
        f,
    );
}

/// The bigrams of adjacent Han characters of a text, characters `skip`
/// holds breaking a run, each handed to `f`.
fn han_bigrams(text: impl Iterator<Item = char>, skip: impl Fn(char) -> bool, f: impl FnMut(u64)) {
    pair_bigrams(text.map(|c| (c as u32, is_han(c) && !skip(c))), f);
}

/// The bigrams of adjacent characters both marked Han, from (code point,
/// Han) pairs, each handed to `f` as the two code points in one `u64`.
fn pair_bigrams(chars: impl Iterator<Item = (u32, bool)>, mut f: impl FnMut(u64)) {
    pair_bigrams_until(chars, |g| {
        f(g);
        false
    });
}

/// [`pair_bigrams`], each bigram handed to `stop` until it says `true`
/// (then `true` is returned and the rest is not read).
fn pair_bigrams_until(chars: impl Iterator<Item = (u32, bool)>, mut stop: impl FnMut(u64) -> bool) -> bool {
    let mut prev = 0u32;
    for (c, han) in chars {
        if han {
            if prev != 0 && stop(((prev as u64) << 32) | c as u64) {
                return true;
            }
            prev = c;
        } else {
            prev = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_bigrams_are_those_of_its_lines_text() {
        // Han of every block is_han knows, kana, Hangul, 〇, extension B,
        // CJK punctuation and Latin between them.
        let texts = ["吕梁市召开会议，部署工作", "〇一二ab中文の会의議𠀀𠀁x", "é中ü文ß、豈更"];
        let lines: Vec<Line> = texts.iter().flat_map(|t| super::super::lines::read_lines(t)).collect();
        let head = vec![false; lines.len()];
        let mut got = Vec::new();
        window(&lines, &head, 0..lines.len(), |g| got.push(g));
        let mut want = Vec::new();
        for l in &lines {
            bigrams(l.text.chars(), |g| want.push(g));
        }
        assert!(!want.is_empty());
        assert_eq!(got, want);
    }

    #[test]
    fn a_shares_quick_filter_finds_what_a_search_of_every_bigram_finds() {
        for (_, page) in crate::loader::BUNDLED {
            let lines = super::super::lines::read_lines(page);
            let head = vec![false; lines.len()];
            for i in (0..lines.len()).step_by(7) {
                let mut terms = Vec::new();
                bigrams(lines[i].text.chars(), |g| terms.push(g));
                terms.sort_unstable();
                terms.dedup();
                let mut seen = vec![false; terms.len()];
                window(&lines, &head, i + 1..lines.len(), |g| {
                    if let Ok(k) = terms.binary_search(&g) {
                        seen[k] = true;
                    }
                });
                let want = if terms.is_empty() {
                    0.0
                } else {
                    seen.iter().filter(|&&x| x).count() as f32 / terms.len() as f32
                };
                assert_eq!(share(&terms, &lines, &head, i + 1..lines.len()), want, "{}", lines[i].text);
            }
        }
    }

    #[test]
    fn a_line_reads_on_into_the_next_when_a_word_or_bracket_runs_across() {
        let cases = [
            // A word cut at the seam that the text prints (`副主席`).
            ("中共中央政治局委员、中央军委副主", "席张又侠，中共中央政治局委员、中央军委副主席何卫东出席会议。", true),
            // A title left open.
            ("会议审议通过了《十四届全国政协", "委员学习培训规划》等文件。会议由主席主持。", true),
            // A last character that joins what follows.
            ("工业和信息化部的", "最新数据显示，前五个月全国规模以上工业增加值增长。", true),
            // A headline over its body's first line: no word across.
            ("李强会见吉尔吉斯斯坦总统", "当地时间25日，国务院总理李强在比什凯克会见吉尔吉斯斯坦总统。", false),
            // A headline's tail under it, holding no clause.
            ("10月份交城县城乡", "环境卫生整治见实效", false),
        ];
        for (line, next, want) in cases {
            let page = format!("上一篇文章到此结束。\n\n{line}\n\n{next}\n");
            let lines = super::super::lines::read_lines(&page);
            let head = vec![false; lines.len()];
            let i = lines.iter().position(|l| l.text == line).expect("the line");
            let n = lines.iter().position(|l| l.text == next).expect("the next line");
            assert_eq!(reads_on(&lines, &head, i, n, false, false), want, "{line}");
        }
    }

    #[test]
    fn every_term_has_its_own_row_in_the_table() {
        for (k, (term, _)) in WEIGHTS.iter().enumerate() {
            assert_eq!(*term as usize, k, "{term:?}");
        }
    }

    /// Every [`Term`], by a match that stops compiling when a term is
    /// added: the new term must be listed in [`ALL_TERMS`] too.
    const fn listed(t: Term) -> bool {
        match t {
            Term::Gap
            | Term::Opener
            | Term::WidthChange
            | Term::PhotoItem
            | Term::ClosingCaption
            | Term::ClosingByline
            | Term::ClosingDate
            | Term::ClosingFormula
            | Term::HeadingMargin
            | Term::ContentMatch
            | Term::SetApart
            | Term::HeadlineRun
            | Term::Subheading
            | Term::SubjectLead
            | Term::TopicShift
            | Term::NoticeTitle
            | Term::GoesOn
            | Term::OpenerShift
            | Term::Unspaced
            | Term::NoticeOpens
            | Term::OpeningCaption
            | Term::CaptionRun
            | Term::PhotoShape
            | Term::PhotoShared
            | Term::PhotoNamed
            | Term::PhotoCaptionShared
            | Term::PhotoCaptionHeadline => true,
        }
    }

    const ALL_TERMS: [Term; 27] = [
        Term::Gap,
        Term::Opener,
        Term::WidthChange,
        Term::PhotoItem,
        Term::ClosingCaption,
        Term::ClosingByline,
        Term::ClosingDate,
        Term::ClosingFormula,
        Term::HeadingMargin,
        Term::ContentMatch,
        Term::SetApart,
        Term::HeadlineRun,
        Term::Subheading,
        Term::SubjectLead,
        Term::TopicShift,
        Term::NoticeTitle,
        Term::GoesOn,
        Term::OpenerShift,
        Term::Unspaced,
        Term::NoticeOpens,
        Term::OpeningCaption,
        Term::CaptionRun,
        Term::PhotoShape,
        Term::PhotoShared,
        Term::PhotoNamed,
        Term::PhotoCaptionShared,
        Term::PhotoCaptionHeadline,
    ];

    /// The fitter (`examples/fit_boundary.rs`) fits one weight per row of
    /// [`WEIGHTS`]: a term with no row would have no weight, and its
    /// evidence would index past the table.
    #[test]
    fn every_term_the_score_counts_has_a_weight_the_fitter_fits() {
        assert!(ALL_TERMS.iter().all(|&t| listed(t)));
        assert_eq!(ALL_TERMS.len(), WEIGHTS.len(), "a term without a row in WEIGHTS, or a row too many");
        for (k, t) in ALL_TERMS.iter().enumerate() {
            assert_eq!(WEIGHTS[k].0, *t, "row {k} of WEIGHTS");
            assert!(WEIGHTS[k].1.is_finite(), "{t:?}");
        }
    }

    #[test]
    fn a_paragraph_reporting_what_was_said_goes_on_unless_it_dates_its_report() {
        let cases = [
            ("据介绍，接下来当地还将继续加大投入", true),
            ("李强表示，中国是最大的发展中国家", true),
            ("文章强调，全会通过的《决定》", true),
            ("胡塞武装一名官员13日称，美国和英国", false),
            ("外交部发言人毛宁12日表示，中方", false),
            ("今天（9月1日）上午，国务院新闻办举行", false),
            ("初冬时节，柳林县各地", false),
            ("没有逗号的一句话", false),
        ];
        for (lead, want) in cases {
            assert_eq!(goes_on(lead), want, "{lead}");
        }
    }

    #[test]
    fn a_leads_subject_runs_from_its_comma_to_its_verb() {
        let cases = [
            ("9月10日，国家主席习近平向某论坛致贺信。", "国家主席习近平"),
            ("5月31日下午，某国总统某某前往天安门广场", "某国总统某某"),
            ("当地时间12日，市委书记赵刚率团在某国首都", "市委书记赵刚率团"),
            ("13日，省政协主席周平在太原会见", "省政协主席周平"),
            ("没有逗号的一句话", ""),
        ];
        for (lead, subject) in cases {
            assert_eq!(lead_subject(lead), subject, "{lead}");
        }
    }

    #[test]
    fn explain_shows_the_boundary_score_and_its_terms_before_the_new_item() {
        let page = include_str!("../../tests/pages/item_after_dated_notice_other_width.txt");
        let out = super::super::assemble::explain(page);
        let at =
            out.lines().position(|l| l.ends_with("兴县农技人员连日来走进各乡镇的")).expect("the item's first line");
        let gap = out.lines().nth(at - 1).unwrap_or_default();
        assert!(gap.contains(" new item: "), "{gap}");
        for term in [Term::Gap, Term::ClosingDate, Term::WidthChange] {
            let shown = format!("{term:?} {:+.0}", weight(term));
            assert!(gap.contains(&shown), "{shown} missing: {gap}");
        }
    }
}
