//! The native property backend: ranges from `regex-syntax`, behind ECMA-262's
//! exact names (regex-syntax matches names loosely; ECMA-262 does not).

use std::sync::RwLock;

use regex_syntax::hir::{Class, HirKind};

use super::Backend;

/// The default backend outside wasm.
pub(super) struct Ucd;

/// The one instance.
pub(super) static UCD: Ucd = Ucd;

/// Resolved properties: the query (`gc=Lu`) and its sorted ranges. Each
/// property is built once and kept; there are a few hundred at most.
type Table = (String, Box<[(char, char)]>);
static TABLES: RwLock<Vec<Table>> = RwLock::new(Vec::new());

impl Backend for Ucd {
    fn resolve(&self, name: &str, value: Option<&str>) -> Option<u32> {
        let query = ecma_query(name, value)?;
        {
            let tables = TABLES.read().unwrap_or_else(|p| p.into_inner());
            if let Some(i) = tables.iter().position(|(q, _)| *q == query) {
                return u32::try_from(i).ok();
            }
        }
        let ranges = load(&query)?;
        let mut tables = TABLES.write().unwrap_or_else(|p| p.into_inner());
        let i = match tables.iter().position(|(q, _)| *q == query) {
            Some(i) => i,
            None => {
                tables.push((query, ranges));
                tables.len() - 1
            }
        };
        u32::try_from(i).ok()
    }

    fn is_nfc(&self, s: &str) -> bool {
        unicode_normalization::is_nfc(s)
    }

    fn contains(&self, id: u32, c: char) -> bool {
        let tables = TABLES.read().unwrap_or_else(|p| p.into_inner());
        let Some((_, ranges)) = usize::try_from(id).ok().and_then(|i| tables.get(i)) else {
            return false;
        };
        ranges
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    core::cmp::Ordering::Less
                } else if lo > c {
                    core::cmp::Ordering::Greater
                } else {
                    core::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// The regex-syntax query for an ECMA-262 property, or `None` if ECMA-262
/// does not define the name (exact spelling, case-sensitive).
fn ecma_query(name: &str, value: Option<&str>) -> Option<String> {
    let listed = |list: &str, s: &str| list.split_ascii_whitespace().any(|x| x == s);
    let (prefix, v) = match value {
        None if listed(GENERAL_CATEGORIES, name) => ("gc=", name),
        None if listed(BINARY, name) => ("", name),
        None => return None,
        Some(v) => match name {
            "General_Category" | "gc" if listed(GENERAL_CATEGORIES, v) => ("gc=", v),
            "Script" | "sc" if script_ok(v) => ("sc=", v),
            "Script_Extensions" | "scx" if script_ok(v) => ("scx=", v),
            _ => return None,
        },
    };
    Some([prefix, v].concat())
}

/// A script's long name, or its four-letter ISO 15924 code (`Grek`).
fn script_ok(v: &str) -> bool {
    let b = v.as_bytes();
    let code = b.len() == 4
        && b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().skip(1).all(u8::is_ascii_lowercase)
        && SCRIPT_CODES
            .split_ascii_whitespace()
            .any(|x| x.eq_ignore_ascii_case(v));
    code || SCRIPTS.split_ascii_whitespace().any(|x| x == v)
}

/// Parses `\p{query}` with regex-syntax into ranges.
fn load(query: &str) -> Option<Box<[(char, char)]>> {
    if query == "Changes_When_NFKC_Casefolded" || query == "CWKCF" {
        return Some(
            super::cwkcf::RANGES
                .iter()
                .filter_map(|&(lo, hi)| Some((char::from_u32(lo)?, char::from_u32(hi)?)))
                .collect(),
        );
    }
    let pattern = ["\\p{", query, "}"].concat();
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&pattern)
        .ok()?;
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            Some(c.ranges().iter().map(|r| (r.start(), r.end())).collect())
        }
        // An empty class comes back as a byte class, and a single code
        // point (`\p{Zl}`) as a literal.
        HirKind::Class(Class::Bytes(c)) if c.ranges().is_empty() => Some(Box::new([])),
        HirKind::Literal(lit) => {
            let mut chars = core::str::from_utf8(&lit.0).ok()?.chars();
            let c = chars.next()?;
            chars
                .next()
                .is_none()
                .then(|| Box::new([(c, c)]) as Box<[_]>)
        }
        _ => None,
    }
}

/// General_Category values and aliases (PropertyValueAliases.txt).
const GENERAL_CATEGORIES: &str = "\
    C Other Cc Control cntrl Cf Format Cn Unassigned Co Private_Use Cs Surrogate \
    L Letter LC Cased_Letter Ll Lowercase_Letter Lm Modifier_Letter Lo Other_Letter \
    Lt Titlecase_Letter Lu Uppercase_Letter M Mark Combining_Mark Mc Spacing_Mark \
    Me Enclosing_Mark Mn Nonspacing_Mark N Number Nd Decimal_Number digit \
    Nl Letter_Number No Other_Number P Punctuation punct Pc Connector_Punctuation \
    Pd Dash_Punctuation Pe Close_Punctuation Pf Final_Punctuation Pi Initial_Punctuation \
    Po Other_Punctuation Ps Open_Punctuation S Symbol Sc Currency_Symbol \
    Sk Modifier_Symbol Sm Math_Symbol So Other_Symbol Z Separator Zl Line_Separator \
    Zp Paragraph_Separator Zs Space_Separator";

/// ECMA-262's binary properties and their aliases.
const BINARY: &str = "\
    ASCII ASCII_Hex_Digit AHex Alphabetic Alpha Any Assigned Bidi_Control Bidi_C \
    Bidi_Mirrored Bidi_M Case_Ignorable CI Cased Changes_When_Casefolded CWCF \
    Changes_When_Casemapped CWCM Changes_When_Lowercased CWL Changes_When_NFKC_Casefolded \
    CWKCF Changes_When_Titlecased CWT Changes_When_Uppercased CWU Dash \
    Default_Ignorable_Code_Point DI Deprecated Dep Diacritic Dia Emoji Emoji_Component \
    EComp Emoji_Modifier EMod Emoji_Modifier_Base EBase Emoji_Presentation EPres \
    Extended_Pictographic ExtPict Extender Ext Grapheme_Base Gr_Base Grapheme_Extend \
    Gr_Ext Hex_Digit Hex IDS_Binary_Operator IDSB IDS_Trinary_Operator IDST ID_Continue \
    IDC ID_Start IDS Ideographic Ideo Join_Control Join_C Logical_Order_Exception LOE \
    Lowercase Lower Math Noncharacter_Code_Point NChar Pattern_Syntax Pat_Syn \
    Pattern_White_Space Pat_WS Quotation_Mark QMark Radical Regional_Indicator RI \
    Sentence_Terminal STerm Soft_Dotted SD Terminal_Punctuation Term Unified_Ideograph \
    UIdeo Uppercase Upper Variation_Selector VS White_Space space XID_Continue XIDC \
    XID_Start XIDS";

/// Script long names (Unicode 16, as in regex-syntax's tables).
const SCRIPTS: &str = "\
    Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak \
    Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian \
    Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot \
    Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs \
    Elbasan Elymaic Ethiopic Garay Georgian Glagolitic Gothic Grantha Greek Gujarati \
    Gunjala_Gondi Gurmukhi Gurung_Khema Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew \
    Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese \
    Kaithi Kannada Katakana Katakana_Or_Hiragana Kawi Kayah_Li Kharoshthi Khitan_Small_Script \
    Khmer Khojki Khudawadi Kirat_Rai Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian \
    Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin \
    Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro \
    Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu \
    Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Ol_Onal Old_Hungarian Old_Italic Old_North_Arabian \
    Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage \
    Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang \
    Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian \
    Sora_Sompeng Soyombo Sundanese Sunuwar Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le \
    Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta \
    Todhri Toto Tulu_Tigalari Ugaritic Unknown Vai Vithkuqi Wancho Warang_Citi Yezidi Yi \
    Zanabazar_Square \
";
/// ISO 15924 codes of those scripts, lowercased (matched as `Xxxx`).
const SCRIPT_CODES: &str = "\
    adlm aghb arab armi armn avst bali bamu bass batk beng bhks bopo brah brai bugi buhd cakm \
    cans cari cher chrs copt cpmn cprt cyrl deva diak dogr dsrt dupl egyp elba elym ethi gara \
    geor glag gong gonm goth gran grek gujr gukh guru hang hani hano hatr hebr hira hluw hmng \
    hmnp hrkt hung ital java kali kana khar khmr khoj kits knda krai kthi lana laoo latn lepc \
    limb lina linb lyci lydi mahj maka mand mani marc medf mend merc mero mlym mong mroo mtei \
    mult mymr nagm nand narb nbat nkoo nshu ogam olck onao orkh orya osge osma ougr palm pauc \
    perm phag phli phlp phnx plrd prti qaac qaai rjng rohg runr samr sarb saur sgnw shaw shrd \
    sidd sind sinh sogd sogo sora soyo sund sunu sylo syrc tagb takr tale talu taml tang tavt \
    telu tfng tglg thaa tibt tirh tnsa todr tutg ugar vaii vith wara wcho xpeo xsux yezi yiii \
    zanb zinh zyyy zzzz \
";

#[cfg(test)]
mod tests {
    use super::super::{contains, property};

    #[test]
    fn resolves_ecma_names_exactly() {
        let lu = property("General_Category", Some("Lu")).unwrap();
        assert!(contains(lu, 'Q') && contains(lu, 'É') && !contains(lu, 'q'));
        assert_eq!(
            property("gc", Some("Uppercase_Letter")).map(|p| contains(p, 'Ж')),
            Some(true)
        );
        let greek = property("Script", Some("Greek")).unwrap();
        assert!(contains(greek, 'λ') && !contains(greek, 'l'));
        assert_eq!(
            property("sc", Some("Grek")).map(|p| contains(p, 'Ω')),
            Some(true)
        );
        assert_eq!(
            property("Script_Extensions", Some("Latin")).map(|p| contains(p, 'a')),
            Some(true)
        );
        assert_eq!(
            property("White_Space", None).map(|p| contains(p, '\u{3000}')),
            Some(true)
        );
        assert_eq!(
            property("Alphabetic", None).map(|p| contains(p, '1')),
            Some(false)
        );
        assert_eq!(
            property("digit", None).map(|p| contains(p, '৪')),
            Some(true)
        );
        let mn = property("General_Category", Some("Mn")).unwrap();
        assert!(contains(mn, '\u{0301}') && !contains(mn, 'a'));
        // Single code point and empty properties still resolve.
        assert_eq!(
            property("Zl", None).map(|p| contains(p, '\u{2028}')),
            Some(true)
        );
        assert_eq!(
            property("Any", None).map(|p| contains(p, '\u{10FFFF}')),
            Some(true)
        );
        assert_eq!(
            property("ASCII", None).map(|p| contains(p, 'é')),
            Some(false)
        );
    }

    #[test]
    fn rejects_names_ecma_does_not_define() {
        for (name, value) in [
            ("letter", None),
            ("LETTER", None),
            ("Greek", None),
            ("Script", Some("greek")),
            ("Script", Some("GREK")),
            ("sc", Some("Isyi")),
            ("gc", Some("lu")),
            ("General_Category", Some("Greek")),
            ("Block", Some("Basic_Latin")),
            ("Alphabetic", Some("Y")),
            ("Age", Some("6.0")),
            ("", None),
        ] {
            assert_eq!(property(name, value), None, "{name} {value:?}");
        }
    }
}
