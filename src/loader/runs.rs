//! Printed lines an extractor broke at their spaces.
//!
//! Some extractors end an output line inside a printed line wherever the
//! printed line has a wide space: PyMuPDF's `get_text()`, on pages set by a
//! browser, prints the opening byline `本报讯 （记者 谢涵） 国家外汇…` as
//! `本报讯 ` / `（记者 ` / `谢涵） ` / `国` / `家外汇…`, and a dateline with the
//! body's first words (`新华社拉萨10月13日电 ` / `今天`) the same way. Read
//! as lines, each piece is a short line the column does not explain: the
//! byline is not recognised, and `（记者` or `今天` is taken for a headline.
//! Such an extractor keeps the space it broke at: the piece ends with it,
//! where a line the column's edge ended does not (justified text fills
//! the line; an extractor trims what is left). So a line ending in a space,
//! followed by a line, is joined to it — the line the page printed — when
//! the line rebuilt is no wider than the column around it (a line
//! already as wide as its column was ended by the column, at a space
//! between words: `（记者 尹卫 唐艳超` / `贾鹏伟）`), and when lines ending in
//! a space are few on the page (a page whose every line ends in one says
//! nothing by it). Nothing is dropped: only the line end goes.

use super::normalize::width_cjk;

/// The share of a page's non-blank lines (at most one in this many) that
/// may end in a space for the space to say a printed line goes on.
const MAX_SHARE: usize = 3;

/// The text with each line that an extractor broke at a printed space
/// joined to the line after it; `None` where no line is.
pub fn rejoin(text: &str) -> Option<String> {
    if !text.contains(" \n") {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let filled = lines.iter().filter(|l| !l.trim().is_empty()).count();
    let broken = |l: &str| l.ends_with(' ') && !l.trim().is_empty();
    let spaced = lines.iter().filter(|l| broken(l)).count();
    if spaced == 0 || spaced * MAX_SHARE > filled {
        return None;
    }
    let widths: Vec<usize> = lines.iter().map(|l| width_cjk(l.trim())).collect();
    let mut out = String::with_capacity(text.len());
    let mut joined = false;
    // The printed line being rebuilt: its first line, and its width up to
    // `out`'s end.
    let (mut start, mut run) = (0usize, 0usize);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let fits = || run + width_cjk(line.trim_end()) <= column_at(&widths, start, i);
            if broken(lines[i - 1]) && !line.trim().is_empty() && fits() {
                joined = true;
            } else {
                out.push('\n');
                (start, run) = (i, 0);
            }
        }
        out.push_str(line);
        run += width_cjk(line);
    }
    joined.then_some(out)
}

/// How many non-blank lines on each side of a join give the column's width.
const COLUMN_LINES: usize = 8;

/// How many non-blank lines a side needs for its width to count: fewer are
/// a headline or two over the first item, not a column.
const COLUMN_MIN_LINES: usize = 3;

/// The width of the column at a join of line `i` to the printed line
/// rebuilt from line `start` on: the widest of the [`COLUMN_LINES`]
/// non-blank lines before that printed line, or of those after line `i`,
/// whichever is narrower (`widths`: each line's, trimmed). A column is
/// read on both sides because a headline set wider than the column may
/// stand on either: before a body when the page prints headlines first,
/// after it when it prints them last. A side with fewer than
/// [`COLUMN_MIN_LINES`] lines (the page's top or foot) does not count.
fn column_at(widths: &[usize], start: usize, i: usize) -> usize {
    let side = |w: &mut dyn Iterator<Item = &usize>| {
        let lines: Vec<usize> = w.filter(|&&w| w > 0).take(COLUMN_LINES).copied().collect();
        (lines.len() >= COLUMN_MIN_LINES).then(|| lines.iter().copied().max().unwrap_or(0))
    };
    let before = side(&mut widths[..start].iter().rev());
    let after = side(&mut widths[(i + 1).min(widths.len())..].iter());
    match (before, after) {
        (Some(b), Some(a)) => b.min(a),
        (b, a) => b.or(a).unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::rejoin;

    #[test]
    fn a_byline_broken_at_its_spaces_is_one_line_again() {
        let page = "甲地举行春季植树活动\n本报讯 \n（记者 \n王五） \n本\n月二日，甲地干部群众一百余人来到\n山坡植树造林，共栽下树苗三千株。\n近年来，甲地坚持每年春季组织义务\n植树，森林覆盖率逐年提高。今年还将\n新建苗圃两处，培育本地树种。\n";
        let out = rejoin(page).expect("the byline's pieces are joined");
        assert!(out.contains("\n本报讯 （记者 王五） 本\n月二日"), "{out}");
        // Only line ends went: every other character is kept.
        assert_eq!(out.replace('\n', ""), page.replace('\n', ""));
    }

    /// (table) what is not joined: `None` where the text stays as it is.
    #[test]
    fn lines_that_say_nothing_by_a_space_stay() {
        let cases = [
            // no line ends in a space
            "甲地举行春季植树活动\n本报讯（记者 王五）本月二日\n",
            // every line does: the space says nothing
            "山坡植树造林，共栽下 \n树苗三千株。近年来 \n甲地坚持每年春季组 \n织义务植树，森林覆 \n",
            // a space before a blank line: the paragraph ended there
            "甲地举行春季植树活动\n第一段到此为止。 \n\n第二段从这里开始，写的是另一件事情\n再写一行正文，凑够行数，再写一行\n正文再写一行，凑够行数，再写一行\n",
        ];
        for page in cases {
            assert_eq!(rejoin(page), None, "{page}");
        }
    }

    #[test]
    fn a_line_the_column_ended_at_a_space_is_not_joined() {
        // `（记者 尹卫 唐艳超` fills its column: the column ended it, at the
        // space between two names, and the byline's tail is a line of its own.
        let page = "新华社北京9月26日电（记者 尹卫 唐艳超 \n贾鹏伟）记者从有关部门获悉，本市\n今年新建改建公园二十余处，市民在\n家门口就能看到绿地。下一步，本市\n将继续推进公园城市建设，让更多市\n民共享生态福利。\n";
        assert_eq!(rejoin(page), None);
    }
}
