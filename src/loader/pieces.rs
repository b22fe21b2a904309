//! Lines → pieces: bodies, headline runs, captions, credits, bylines and
//! marks, in print order (the first stage of assembling a page). A column or
//! page break inside a body does not end it.

use super::heads::LONG_LINE_CHARS;
use super::lines::{Line, Role};

/// A piece of the page, in print order.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// An opening byline or a continuation mark: a new article starts.
    Start {
        byline: Option<String>,
        continued: Option<String>,
    },
    Body(usize),
    Heads(Vec<usize>),
    Caption(Vec<usize>),
    Credit(usize),
    Cartoon(usize),
    Trail(String),
    Jump(usize),
    Banner(usize),
}

/// Lines → pieces.
pub(crate) fn pieces(lines: &[Line], head: &[bool]) -> Vec<Piece> {
    // (Room for a piece per line, about what a page makes: a byline line
    // makes two, but headline and caption lines go into runs.)
    let mut out: Vec<Piece> = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        match &l.role {
            Role::Byline { byline } => {
                out.push(Piece::Start { byline: Some(byline.clone()), continued: None });
                if !l.text.is_empty() {
                    out.push(Piece::Body(i));
                }
            }
            Role::Continued => out.push(Piece::Start { byline: None, continued: Some(l.text.clone()) }),
            Role::Text if head[i] => match out.last_mut() {
                Some(Piece::Heads(run)) => run.push(i),
                _ => out.push(Piece::Heads(vec![i])),
            },
            Role::Text => out.push(Piece::Body(i)),
            Role::Caption { first } => match out.last_mut() {
                Some(Piece::Caption(c)) if !first => c.push(i),
                _ => out.push(Piece::Caption(vec![i])),
            },
            Role::PhotoCredit => match out.last_mut() {
                Some(Piece::Caption(c)) => c.push(i),
                _ => out.push(Piece::Credit(i)),
            },
            Role::Cartoon => out.push(Piece::Cartoon(i)),
            Role::TrailByline => out.push(Piece::Trail(l.text.clone())),
            Role::Jump => out.push(Piece::Jump(i)),
            Role::Banner => out.push(Piece::Banner(i)),
        }
    }
    // A dateline with no text after it, following a body, closes that body
    // (`新华社北京3月6日电` at the end of a continued article).
    for k in 0..out.len() {
        let followed_by_body = matches!(out.get(k + 1), Some(Piece::Body(_)));
        let after_body = k > 0 && matches!(out[k - 1], Piece::Body(_) | Piece::Trail(_));
        if let Piece::Start { byline: Some(b), continued: None } = &out[k]
            && !followed_by_body
            && after_body
            && !b.starts_with(super::normalize::BOXES)
        {
            out[k] = Piece::Trail(b.clone());
        }
    }
    out
}

/// Whether the page prints one paragraph per line, and whether it prints
/// its headlines one per line too. A page prints one paragraph per line
/// when most body text is in long lines, or nearly every body line ends a
/// sentence (in columns, most lines break mid-sentence). Its headlines are
/// one per line only where its long lines are paragraphs, nearly all
/// ending a sentence: a box set across several columns, as a PDF page
/// prints one, gives lines as long as paragraphs, but they break
/// mid-sentence, and the headlines over such boxes wrap.
/// `sizes`: per line, its characters and whether it ends a sentence
/// ([`is_sentence_end`](super::lines::is_sentence_end)), as the line model's stage counted them
/// ([`super::line_model::Decided::sizes`]).
pub(crate) fn is_long_page(lines: &[Line], head: &[bool], sizes: &[(usize, bool)]) -> (bool, bool) {
    let (mut long, mut all, mut ending, mut count) = (0usize, 0usize, 0usize, 0usize);
    let (mut long_lines, mut long_ending) = (0usize, 0usize);
    for ((l, h), &(n, ends)) in lines.iter().zip(head).zip(sizes) {
        if !h && l.role == Role::Text {
            // (`heads::is_long` of the line too.)
            let is_long = n > LONG_LINE_CHARS;
            all += n;
            count += 1;
            if is_long {
                long += n;
                long_lines += 1;
                long_ending += usize::from(ends);
                ending += 1;
            } else if ends {
                ending += 1;
            }
        }
    }
    let long_page = all > 0 && (long * 2 > all || (count >= 3 && ending * 10 >= count * 7));
    // (A paragraph per line ends nearly every long line on a sentence.)
    (long_page, long_page && long_ending * 10 >= long_lines * 7)
}
