//! `lvread --print-config`: the defaults written as a commented TOML file.

use super::{ACTIONS, COLOR_ROLES, DEFAULT_MAX_WIDTH, Keymap, LineBreak, default_path};

/// The defaults as a commented TOML file (`lvread --print-config`); it
/// parses back to [`Config::default`].
pub fn default_toml() -> String {
    let mut s = String::new();
    let path = default_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "lvread/config.toml in your config directory".to_string());
    s.push_str("# lvread configuration: the defaults.\n");
    s.push_str(&format!("# Save as {path}\n"));
    s.push_str("# (or in $LVREAD_CONFIG_DIR) and change what you like; anything left out\n");
    s.push_str("# keeps its default. A mistake is reported with its line and lvread\n");
    s.push_str("# then starts with the defaults. NO_COLOR=1 turns colours off.\n\n");
    s.push_str("# Widest body line, in Han characters (two columns each); 0 = the pane's width.\n");
    s.push_str(&format!("max_width = {DEFAULT_MAX_WIDTH}\n\n"));
    s.push_str("# Chinese line breaking: \"strict\" (no line starts with closing or ends\n");
    s.push_str("# with opening punctuation; numbers and Latin words stay whole) or\n");
    s.push_str("# \"loose\" (break wherever the width is reached).\n");
    s.push_str(&format!("line_break = \"{}\"\n\n", LineBreak::default().name()));
    s.push_str("[colors]\n");
    s.push_str("# \"auto\" (dark unless $COLORFGBG says the background is light), \"dark\" or \"light\".\n");
    s.push_str("theme = \"auto\"\n");
    s.push_str("# Override single colours: role = a name (default, black, red, green,\n");
    s.push_str("# yellow, blue, magenta, cyan, gray, dark-gray, light-red, light-green,\n");
    s.push_str("# light-yellow, light-blue, light-magenta, light-cyan, white), \"#rrggbb\"\n");
    s.push_str("# or \"0\"-\"255\". For example:\n");
    s.push_str("# headline = \"light-yellow\"\n");
    s.push_str("# The roles:\n");
    for (role, doc) in COLOR_ROLES {
        s.push_str(&format!("#   {role:<16} {doc}\n"));
    }
    s.push_str("\n[keys]\n");
    s.push_str("# action = [\"key\", …]: a binding replaces that action's default keys.\n");
    s.push_str("# Every action needs at least one key; Ctrl-c always quits.\n");
    s.push_str("# Keys: a character (\"j\", \"G\", \"/\"), a name (enter, esc, tab, shift-tab,\n");
    s.push_str("# backspace, delete, insert, home, end, pageup, pagedown, up, down, left,\n");
    s.push_str("# right, space, f1…f24), optionally with ctrl- or alt- (\"ctrl-d\").\n");
    let keymap = Keymap::default();
    for (name, doc, _) in ACTIONS {
        let keys: Vec<String> = keymap.keys(name).iter().map(|k| toml_string(&k.to_string())).collect();
        let line = format!("{name} = [{}]", keys.join(", "));
        s.push_str(&format!("{line:<40} # {doc}\n"));
    }
    s
}

/// A TOML basic string literal.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
