//! No input makes the loader panic; every error it returns is well formed.

use lakeforge_spec::templates::RETAIL;
use lakeforge_spec::{Spec, SpecErrors};

/// Parses `text` and checks the shape of any errors.
fn check(text: &str) {
    let result: Result<Spec, SpecErrors> = Spec::from_str_named(text, "f.toml");
    let Err(errors) = result else { return };
    assert!(!errors.is_empty(), "an error result holds errors: {text:?}");
    let lines = text.split('\n').count();
    for e in errors.iter() {
        let pos = e.position.expect("errors from a file have positions");
        assert!(
            pos.line >= 1 && pos.line <= lines,
            "line {} of {lines} in {text:?}: {e}",
            pos.line
        );
        assert!(pos.column >= 1, "{e}");
        assert!(!e.message.is_empty() && !e.help.is_empty(), "{e}");
        assert!(
            e.to_string()
                .starts_with(&format!("f.toml:{}:{}: error: ", pos.line, pos.column))
        );
    }
}

/// A small deterministic pseudo-random generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn every_prefix_of_the_retail_example() {
    for (i, _) in RETAIL.char_indices().step_by(3) {
        check(&RETAIL[..i]);
    }
}

#[test]
fn single_byte_changes_of_the_retail_example() {
    let replacements = b"=[]{}\"'#.,\n 0aZ-\\\x00";
    let mut rng = Rng(0x5eed);
    let bytes = RETAIL.as_bytes();
    for i in 0..bytes.len() {
        let mut mutated = bytes.to_vec();
        match rng.below(3) {
            0 => mutated[i] = replacements[rng.below(replacements.len())],
            1 => {
                mutated.remove(i);
            }
            _ => mutated.insert(i, replacements[rng.below(replacements.len())]),
        }
        check(&String::from_utf8_lossy(&mutated));
    }
}

#[test]
fn lines_shuffled_and_duplicated() {
    let lines: Vec<&str> = RETAIL.lines().collect();
    let mut rng = Rng(42);
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..lines.len() {
            text.push_str(lines[rng.below(lines.len())]);
            text.push('\n');
        }
        check(&text);
    }
}

#[test]
fn garbage_and_hostile_shapes() {
    let mut rng = Rng(7);
    let alphabet: Vec<char> = "[]{}=\"'.,#\n \tabcxyz019-_é\u{0}\u{feff}"
        .chars()
        .collect();
    for len in 0..400 {
        let text: String = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        check(&text);
    }
    let deep_array = format!("a = {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let deep_table = format!("a = {}{}\n", "{ b = ".repeat(2000), "}".repeat(2000));
    let hostile = [
        "\u{feff}[projects.core]\n",
        "[projects.core]\r\nhas_emr = true\r\n",
        "[[projects]]\n",
        "[projects.core]\n[[projects.core.x]]\n",
        "projects = []\n",
        "projects = [[1]]\n",
        "[streaming.x]\ndestination = []\n",
        "[cdc.x]\nsource = \"mysql\"\n",
        "[post_deploy.x]\npolicy_statements = [1, \"a\", {}]\n",
        "[post_deploy.x]\nenvironment = { a = { b = 1 } }\n",
        "[simulator]\nstart_date = 1979-05-27T07:32:00Z\n",
        "[simulator]\nstart_date = 07:32:00\n",
        "[simulator]\nsearch_quality = nan\n",
        "[simulator]\nsearch_quality = inf\n",
        "[projects.core]\nairflow_max_workers = 99999999999999999999\n",
        "[projects.core]\nredshift_serverless_rpu_limit = 4294967295\n",
        "[\"projects\".\"\"]\n",
        "[projects.\"\\u0000\"]\n",
        "a.b.c.d.e.f = 1\n",
        "lake = { root = { x = 1 } }\n",
        &deep_array,
        &deep_table,
    ];
    for text in hostile {
        check(text);
    }
}
