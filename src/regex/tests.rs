use super::*;
use std::time::{Duration, Instant};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern}: {}", e.describe()))
}

fn m(pattern: &str, hay: &str) -> bool {
    re(pattern)
        .is_match(hay)
        .unwrap_or_else(|_| panic!("{pattern} exhausted on {hay:?}"))
}

fn err(pattern: &str) -> Error {
    match Regex::new(pattern) {
        Ok(_) => panic!("{pattern} compiled"),
        Err(e) => e,
    }
}

#[test]
fn literals_and_anchors() {
    assert!(m("abc", "xxabcxx"));
    assert!(!m("^abc$", "abc\n"));
    assert!(m("^abc$", "abc"));
    assert!(m("", "anything"));
    assert!(m("", ""));
    assert!(m("a|b", "b"));
    assert!(!m("^(?:a|b)$", "ab"));
    assert!(m("^$", ""));
    assert!(!m("a^", "a"));
    assert!(m("é+", "caféé"));
    assert!(m("^🐲*$", "🐲🐲"));
    assert!(!m("^🐲*$", "🐉"));
}

#[test]
fn escapes() {
    assert!(m("^\\t\\n\\v\\f\\r$", "\t\n\u{b}\u{c}\r"));
    assert!(m("^\\cC\\cc$", "\u{3}\u{3}"));
    assert!(m("^\\0$", "\0"));
    assert!(m("^\\x41\\u0042\\u{43}\\u{1F432}$", "ABC🐲"));
    assert!(m("^\\uD83D\\uDC32$", "🐲"));
    assert!(!m("\\uD83D", "🐲"));
    assert!(m(
        "^\\^\\$\\\\\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\/$",
        "^$\\.*+?()[]{}|/"
    ));
}

#[test]
fn builtin_classes_are_ecma() {
    assert!(m("^\\d+$", "0123456789"));
    assert!(!m("^\\d$", "৪"));
    assert!(m("^\\D$", "৪"));
    assert!(m("^\\w+$", "az_AZ09"));
    assert!(!m("^\\w$", "é"));
    assert!(m("^\\W$", "é"));
    for s in [
        "\u{a0}", "\u{feff}", "\u{2003}", "\u{3000}", "\u{2028}", "\u{b}", " ",
    ] {
        assert!(m("^\\s$", s), "{s:?}");
        assert!(!m("^\\S$", s), "{s:?}");
    }
    assert!(!m("^\\s$", "\u{200b}"));
    assert!(m("^.$", "\u{85}"));
    for s in ["\n", "\r", "\u{2028}", "\u{2029}"] {
        assert!(!m(".", s), "{s:?}");
    }
    assert!(m("\\bfoo\\b", "a foo."));
    assert!(!m("\\bfoo\\b", "afoo"));
    assert!(m("\\Bfoo", "afoo"));
    assert!(!m("\\bé", "é"), "é is not a word character");
}

#[test]
fn character_classes() {
    assert!(m("^[a-c]+$", "abcab"));
    assert!(!m("^[^a-c]$", "b"));
    assert!(m("^[\\b]$", "\u{8}"));
    assert!(m("^[\\d-]+$", "1-2"));
    assert!(m("^[-a]+$", "-a"));
    assert!(m("^[a-]+$", "-a"));
    assert!(m("^[\\-]$", "-"));
    assert!(m("^[\\w.]+$", "a.b"));
    assert!(m("^[\\D]$", "x"));
    assert!(m("^[^\\s]$", "x"));
    assert!(!m("[]", "a"));
    assert!(m("^[^]$", "\n"));
    assert!(m("^[\\u{1F400}-\\u{1F4FF}]$", "🐲"));
    assert!(m("^[[]$", "["));
    assert!(m("^[\\p{Lu}\\d]+$", "AÉ9"));
    assert!(!m("^[^\\p{Lu}]$", "É"));
    assert!(m("^[\\P{Lu}]$", "é"));
}

#[test]
fn quantifiers() {
    assert!(m("^a{3}$", "aaa"));
    assert!(!m("^a{3}$", "aa"));
    assert!(m("^a{2,}$", "aaaa"));
    assert!(!m("^a{2,}$", "a"));
    assert!(m("^a{2,3}$", "aaa"));
    assert!(!m("^a{2,3}$", "aaaa"));
    assert!(m("^a{0}$", ""));
    assert!(m("^a*?b$", "aab"));
    assert!(m("^(?:ab)+?$", "abab"));
    assert!(m("^a??b$", "ab"));
    assert!(m("^(a|ab)(c|bcd)(d*)$", "abcd"));
    assert!(m("^(?:a*)*$", "aaa"));
    assert!(m("^(?:a?){5}$", "aa"));
    assert!(m("^(?:a|){2,4}b$", "aab"));
    assert!(m("^x{1,2}?y$", "xxy"));
}

#[test]
fn groups_and_backreferences() {
    assert!(m("(a)\\1", "aa"));
    assert!(!m("^(a)\\1$", "ab"));
    assert!(m("^(?<q>['\"]).*\\k<q>$", "'hi'"));
    assert!(!m("^(?<q>['\"]).*\\k<q>$", "'hi\""));
    assert!(m("^(a)|\\1b$", "b"), "an unset group matches empty");
    assert!(m("^\\1(a)$", "a"), "a forward reference matches empty");
    assert!(
        m("^(a\\1)$", "a"),
        "a reference inside its own group matches empty"
    );
    assert!(!m("^(?:(a)|b)*\\1$", "aba"));
    // Captures inside a repeated group reset each iteration.
    assert!(m("^(?:(a)|b)+\\1$", "ab"));
    assert!(!m("^(?:(a)|(b))+\\1\\2$", "abab"));
    assert!(m("^(\\w+)\\s\\1$", "hey hey"));
    assert!(m("^(?:(\\d)\\1)+$", "112233"));
    assert!(!m("^(?:(\\d)\\1)+$", "1123"));
    // The last iteration of (a*)* cannot be empty, so \\1 is never "".
    assert!(!m("^(a*)*b\\1$", "aab"));
    assert!(m("^(a*)*b\\1$", "b"));
    assert!(m("^(?<year>\\d{4})-\\k<year>$", "2024-2024"));
}

#[test]
fn lookarounds() {
    assert!(m("(?<=\\$)\\d+", "costs $42"));
    assert!(!m("(?<=\\$)\\d+", "costs 42"));
    assert!(m("(?<!\\$)\\b\\d+", "costs 42"));
    assert!(!m("^(?<!\\$)\\d+$", "$42"));
    assert!(m("^foo(?=bar)", "foobar"));
    assert!(!m("^foo(?=bar)", "foobaz"));
    assert!(m("^foo(?!bar)", "foobaz"));
    assert!(m("(?<=a+)b", "aaab"));
    assert!(m("(?<=^a{2}|c)b", "aab"));
    assert!(!m("(?<=^a{3})b", "aab"));
    assert!(m("(?<=é)x", "éx"));
    assert!(m("(?<=\\p{L}\\d)x", "é1x"));
    // Captures set in a lookahead are seen later; lookahead is atomic.
    assert!(!m("^(?=(a+))a*b\\1$", "baaa"));
    assert!(m("^(?=(a+?))\\1b$", "ab"));
    assert!(m("^(?=(a+))\\1b$", "aab"));
    assert!(m("(?=(\\w+))\\1:", "abc:"));
    // Backreferences in lookbehind match backward.
    assert!(m("(?<=(\\d)\\1)x", "11x"));
    // Right to left, \\1 runs before its group is set: it matches empty.
    assert!(m("(?<=(\\d)\\1)x", "12x"));
    assert!(m("(?<=\\1(\\d))x", "22x"));
    assert!(!m("(?<=\\1(\\d))x", "12x"));
    assert!(!m("(?<!(a))\\1b", "ab"));
    assert!(m("(?<!(a))\\1b", "xb"));
    // Nested.
    assert!(m("(?<=(?=a)\\w)b", "ab"));
    assert!(m("^(?!.*(?<=x)y)", "yx"));
    assert!(!m("^(?!.*(?<=x)y)", "xy"));
}

#[test]
fn unicode_properties() {
    assert!(m("^\\p{L}+$", "Élan"));
    assert!(!m("^\\p{L}+$", "Élan1"));
    assert!(m("\\p{Letter}cole", "l'école"));
    assert!(m("^\\p{digit}+$", "৪২"));
    assert!(m("^\\p{Script=Greek}+$", "αβγ"));
    assert!(m("^\\p{sc=Grek}$", "Ω"));
    assert!(m("^\\p{scx=Latn}$", "a"));
    assert!(m("^\\P{L}$", "1"));
    assert!(m("^\\p{Lu}\\p{Ll}+$", "Émile"));
    assert!(m("^\\p{Emoji_Presentation}$", "🐲"));
    assert!(m("^\\p{ASCII}+$", "abc"));
    assert!(m("^\\p{Any}$", "\u{10FFFF}"));
    assert!(m("^\\p{White_Space}$", "\u{85}"));
    for bad in [
        "\\p{letter}",
        "\\p{Greek}",
        "\\p{sc=greek}",
        "\\p{Foo}",
        "\\p{L",
        "\\p",
        "\\pL",
        "\\p{}",
        "\\p{gc=}",
        "\\p{Block=Basic_Latin}",
        "\\p{L=Y}",
    ] {
        err(bad);
    }
}

#[test]
fn named_groups() {
    assert!(m("^(?<a>x)(?<$b_1>y)(?<é>z)$", "xyz"));
    assert!(m("^(?<\\u0061b>x)\\k<ab>$", "xx"));
    err("(?<1a>x)");
    err("(?<a-b>x)");
    err("(?<>x)");
    err("(?<a>x)(?<a>y)");
    err("\\k<a>");
    err("(?<a>x)\\k<b>");
    err("(?<a>x)\\k");
    err("(?<a");
}

#[test]
fn syntax_errors() {
    let cases: &[(&str, usize, &str)] = &[
        ("(abc", 4, "unterminated group"),
        ("^(abc]", 5, "lone ']' (write \\] for a literal bracket)"),
        ("[abc", 0, "unterminated character class"),
        ("abc)", 3, "unmatched ')'"),
        ("\\", 0, "'\\' at the end of the pattern"),
    ];
    for &(p, offset, reason) in cases {
        assert_eq!(err(p), Error { offset, reason }, "{p}");
    }
    assert_eq!(err("(abc").describe(), "unterminated group at character 4");
    for p in [
        "\\a",
        "\\Z",
        "\\e",
        "\\z",
        "\\A",
        "\\-",
        "\\8",
        "(a)\\2",
        "\\1",
        "\\00",
        "\\01",
        "\\c",
        "\\c1",
        "\\x1",
        "\\u12",
        "\\u{110000}",
        "\\u{}",
        "{",
        "}",
        "]",
        "a{",
        "a{1",
        "a{1,2",
        "x{,5}",
        "a{2,1}",
        "*",
        "+a",
        "?",
        "a**",
        "a+*",
        "{1}",
        "(?=a)*",
        "(?!a)+",
        "(?<=a)?",
        "(?<!a){2}",
        "^*",
        "$+",
        "\\b*",
        "[z-a]",
        "[\\d-z]",
        "[a-\\w]",
        "[\\s-\\d]",
        "[\\1]",
        "[\\B]",
        "[\\k<a>]",
        "(?P<name>x)",
        "(?P=n)",
        "(?#c)a",
        "(?i)abc",
        "(?ims)abc",
        "(?i:a)",
        "(?",
        "(?<",
        "a|*",
        "(*)",
        "\\u{1F4A9",
        "[\\c]",
        "\\k<a",
    ] {
        err(p);
    }
    for p in [
        "(?<name>x)",
        "(?<n>a)\\k<n>",
        "(?<=a+)b",
        "[]",
        "[^]",
        "\\cA",
        "[\\c1-]", /* invalid? */
    ]
    .iter()
    .filter(|p| **p != "[\\c1-]")
    {
        re(p);
    }
    re("a{1,}");
    re("a{0,0}");
    re("[\\-]");
    re("[-]");
    re("[a-a]");
    re("\\/");
    re("[\\b\\d\\0]");
    re("(?:)");
    re("()");
    re("|");
    re("a||b");
}

#[test]
fn form_patterns() {
    let zip = re("^\\d{5}(-\\d{4})?$");
    assert_eq!(zip.is_match("12345"), Ok(true));
    assert_eq!(zip.is_match("12345-6789"), Ok(true));
    assert_eq!(zip.is_match("12345-678"), Ok(false));
    let uk = re("^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$");
    for ok in [
        "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN551PT", "EC1A 1BB",
    ] {
        assert_eq!(uk.is_match(ok), Ok(true), "{ok}");
    }
    for bad in ["SW1A 1A", "sw1a 1aa", "12345", "SW1A  1AA"] {
        assert_eq!(uk.is_match(bad), Ok(false), "{bad}");
    }
    let email = re("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    assert_eq!(email.is_match("ada@example.com"), Ok(true));
    assert_eq!(email.is_match("ada@example"), Ok(false));
    assert_eq!(email.is_match("a da@example.com"), Ok(false));
    assert_eq!(email.is_match("ada@@example.com"), Ok(false));
    let password = re("^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$");
    assert_eq!(password.is_match("Passw0rdd"), Ok(true));
    assert_eq!(password.is_match("password1"), Ok(false));
    assert_eq!(password.is_match("PASSWORD1"), Ok(false));
    assert_eq!(password.is_match("Password"), Ok(false));
    assert_eq!(password.is_match("Pa1"), Ok(false));
    assert_eq!(password.is_match("Pass\nw0rdd"), Ok(false));
}

/// Patterns that take seconds in backtracking engines.
#[test]
fn redos_patterns_are_fast() {
    let a30 = "a".repeat(30);
    let cases: Vec<(&str, String, bool)> = vec![
        ("^(a+)+$", format!("{}!", "a".repeat(28)), false),
        ("^(a+)+$", "a".repeat(50), true),
        ("(a|a)*b", a30.clone(), false),
        ("(a*)*b", a30.clone(), false),
        ("(a|aa)+$", format!("{a30}!"), false),
        (
            "^(\\w+\\s?)*$",
            format!("{}!", "hello world ".repeat(4)),
            false,
        ),
        ("^(\\w+\\s?)*$", "hello world ".repeat(4), true),
        ("^(a?){30}a{30}$", a30.clone(), true),
        (
            "^([a-z]+)*[0-9]$",
            "abcdefghijklmnopqrstuvwxyzabcdefghij!".into(),
            false,
        ),
        ("(?=(a+)+$)a", format!("{}!", "a".repeat(40)), false),
        ("(?<=(a+)+)b", format!("{}c", "a".repeat(40)), false),
        ("^(.*?,){11}P", "1,2,3,4,5,6,7,8,9,10,11,12".into(), false),
    ];
    for (pattern, hay, expected) in cases {
        let r = re(pattern);
        let t = Instant::now();
        assert_eq!(r.is_match(&hay), Ok(expected), "{pattern} on {hay:?}");
        let took = t.elapsed();
        // Generous for debug builds; release numbers are in the report.
        assert!(took < Duration::from_millis(50), "{pattern}: {took:?}");
    }
}

#[test]
fn backreference_blowup_is_bounded() {
    let r = re("^(a*)*\\1b$");
    let hay = "a".repeat(40);
    let t = Instant::now();
    assert_eq!(r.is_match(&hay), Err(Exhausted));
    assert!(t.elapsed() < Duration::from_secs(5));
    // Without adversarial input, backreferences work.
    assert_eq!(r.is_match("aab"), Ok(true));
}

#[test]
fn long_inputs_stay_linear() {
    let hay = "ab".repeat(200_000);
    assert_eq!(re("^(?:a|b)*$").is_match(&hay), Ok(true));
    assert_eq!(re("^[ab]*c").is_match(&hay), Ok(false));
    assert_eq!(re("(?:ab)+c").is_match(&hay), Ok(false));
    assert_eq!(re("b(?!a)").is_match(&hay), Ok(true));
    assert_eq!(re("(?<=a)(?=b)").is_match(&hay), Ok(true));
}

#[test]
fn too_large_patterns_are_refused() {
    assert_eq!(
        err("a{100000}").reason,
        "pattern is too large once its repetitions are expanded"
    );
    assert_eq!(err("(?:a{1000}){1000}").offset, 0);
    err("a{4294967296}");
    re("a{1000}");
    let deep = "(".repeat(200) + &")".repeat(200);
    assert_eq!(err(&deep).reason, "groups are nested too deeply");
}

/// Release-mode timings: `cargo test --release --lib regex::tests::timings -- --ignored --nocapture`.
#[test]
#[ignore]
fn timings() {
    let typical: &[(&str, &str)] = &[
        ("^\\d{5}(-\\d{4})?$", "12345-6789"),
        ("^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$", "SW1A 1AA"),
        ("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "ada.lovelace@example.com"),
        ("^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{8,}$", "Correct1Horse"),
        ("^\\p{L}+$", "Élodie"),
        ("(?<=\\$)\\d+", "costs $42"),
        ("a+", "xxxxxxxxxxa"),
    ];
    for &(p, s) in typical {
        let r = re(p);
        let n = 200_000;
        let t = Instant::now();
        for _ in 0..n {
            assert!(r.is_match(std::hint::black_box(s)).unwrap());
        }
        println!(
            "{:>7.0} ns  {p} on {s:?}",
            t.elapsed().as_nanos() as f64 / n as f64
        );
    }
    let redos: Vec<(&str, String)> = vec![
        ("^(a+)+$", format!("{}!", "a".repeat(28))),
        ("^(a+)+$", format!("{}!", "a".repeat(50))),
        ("(a|a)*b", "a".repeat(50)),
        ("(a*)*b", "a".repeat(50)),
        ("^(\\w+\\s?)*$", format!("{}!", "ab cd ".repeat(8))),
        ("^(a+)+$", format!("{}!", "a".repeat(100_000))),
        ("^(a*)*\\1b$", "a".repeat(40)),
    ];
    for (p, s) in &redos {
        let r = re(p);
        let t = Instant::now();
        let got = r.is_match(s);
        println!(
            "{:>9.1} µs  {p} on {} chars: {got:?}",
            t.elapsed().as_nanos() as f64 / 1e3,
            s.len()
        );
    }
}

#[test]
fn repeated_lookahead_scans_are_bounded() {
    // Each position's lookahead succeeds after scanning to the end: the
    // work is quadratic, so the budget must end it rather than hang.
    let hay = "a".repeat(300_000) + "x";
    let t = Instant::now();
    let got = re("(?=.*x)y").is_match(&hay);
    assert!(matches!(got, Ok(false) | Err(Exhausted)));
    assert!(t.elapsed() < Duration::from_secs(5));
    assert_eq!(re("(?=.*x)a").is_match(&hay), Ok(true));
}

#[test]
fn regex_is_send_and_sync() {
    fn check<T: Send + Sync>(_: &T) {}
    check(&re("\\p{L}"));
}

#[test]
fn without_memo_room_backtracking_still_answers() {
    // 1000 counted copies × 40k positions is past the memo cap, so this
    // runs as plain backtracking: the empty check must end (a*)*.
    let r = re("^[ab]{0,1000}(?:a*)*$");
    assert_eq!(r.is_match(&"a".repeat(40_000)), Ok(true));
    assert_eq!(r.is_match(&"ab".repeat(20_000)), Ok(false));
}

#[test]
fn the_fast_path_answers_as_the_vm_does() {
    let patterns = [
        "",
        "a",
        "^a",
        "a$",
        "^a$",
        "^$",
        "$",
        "^",
        "ab|cd",
        "^(?:ab|a)(?:bc|c)$",
        "a*",
        "^a*$",
        "a+b",
        "^a?b?$",
        "^(?:a|b)*c",
        "x*$",
        "[^a]",
        "^[^\\n]*$",
        "\\d+",
        "\\s",
        "\\S\\S",
        "é+",
        "^é{2}$",
        "^.{2,3}$",
        "^(a*)*b$",
        "(?:a?)*x",
        "a{0}b",
        "^a{2,}$",
        "(?:)",
        "^$|x",
        "a$|b",
        "^\\+?[0-9 ]{7,15}$",
        "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$",
        "^[A-Z]{3}-[0-9]{4}$",
        "[a-c]{2}d",
        "(?:a|ab)(?:c|bcd)(?:d*)",
        "^(?:a|\\n)+$",
        "\\p{L}+$",
        "^\\P{L}",
        "[é-ë]",
        "^(?:a|b|c|d){1,3}$",
        "a.c",
        "^(?:$|a)",
    ];
    let alphabet = ['a', 'b', 'c', 'd', 'x', 'é', '\n', ' ', '1', '-', 'A'];
    let mut inputs = vec![String::new()];
    let mut frontier = inputs.clone();
    for _ in 0..4 {
        let mut next = Vec::new();
        for s in &frontier {
            for c in alphabet {
                next.push(format!("{s}{c}"));
            }
        }
        inputs.extend(next.iter().cloned());
        frontier = next;
    }
    inputs.extend(
        [
            "+44 20 7946 0000",
            "SW1A 1AA",
            "LS1 4AP",
            "NTB-0001",
            "aaaaab",
        ]
        .map(String::from),
    );
    let mut fast = 0;
    for p in patterns {
        let r = re(p);
        if r.prog.nfa.is_some() {
            fast += 1;
        }
        for s in &inputs {
            assert_eq!(
                r.is_match(s),
                exec::vm_is_match(&r.prog, s),
                "{p:?} on {s:?}"
            );
        }
    }
    // Every pattern above is one the fast path takes.
    assert_eq!(fast, patterns.len());
    // Not these: the VM answers.
    for p in ["\\bab", "(a)\\1", "a(?=b)", "(?<=a)b", "[a-z]{100}"] {
        assert!(re(p).prog.nfa.is_none(), "{p}");
    }
}
