//! The pages lvread ships (`assets/*.txt`) as a fitter's guard. The fitters
//! score generated pages alone, and a move that gains there can change a
//! bundled page: in the twenty-first round `FeatureTopic` 0.3 -> 0.4 gained
//! on the fitting set and gave the commentary of the bundled page 3 its
//! column's slogan as a printed title. So a candidate table is taken only
//! when every bundled page loads to the tree the committed table gives it.

use lvread::model::Page;
use std::path::Path;

/// The bundled pages (file name and text) and their trees under the
/// committed table.
pub struct Guard {
    pages: Vec<(String, String)>,
    trees: Vec<Page>,
}

impl Guard {
    /// Reads every `root/assets/*.txt` and loads it with `load` (the
    /// committed table); an error names the file that could not be read.
    pub fn read(root: &Path, load: impl Fn(&str, &str) -> Page) -> Result<Guard, String> {
        let dir = root.join("assets");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut pages = Vec::new();
        for p in paths {
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            pages.push((name, text));
        }
        let trees = pages.iter().map(|(n, t)| load(n, t)).collect();
        Ok(Guard { pages, trees })
    }

    /// How many bundled pages the guard holds.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// The first bundled page whose tree `load` (a candidate table) changes.
    pub fn changed(&self, load: impl Fn(&str, &str) -> Page) -> Option<&str> {
        self.pages.iter().zip(&self.trees).find(|((n, t), tree)| load(n, t) != **tree).map(|((n, _), _)| n.as_str())
    }
}
