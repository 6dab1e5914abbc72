//! The fast reader against serde_json, line for line.

use super::*;

/// The fast path and serde agree, line for line, on what they accept.
#[test]
fn the_fast_path_reads_what_serde_reads() {
    let lines = [
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","kind":"note","source":"cli","text":"Creating gift","head":"0123456789abcdef0123456789abcdef01234567"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34.123Z","kind":"commit","source":"git","text":"a \"quoted\"\nline \u0007 é ✓"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34.123456789Z","amends":"01K2S5Y7W0000000000000000B","text":"fixed"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","amends":"01K2S5Y7W0000000000000000B","deleted":true}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34+02:00","kind":"note","source":"cli","text":"offset"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2016-12-31T23:59:60Z","kind":"note","source":"cli","text":"leap"}"#,
        r#"{ "id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","kind":"note","source":"cli","text":"spaced"}"#,
        r#"{"at":"2025-08-15T23:50:34Z","id":"01K2S5Y7W0000000000000000A","kind":"note","source":"cli","text":"reordered"}"#,
    ];
    for line in lines {
        let serde: Record = serde_json::from_str(line).unwrap();
        assert_eq!(parse_line(line.as_bytes()).unwrap(), serde, "{line}");
    }
}

#[test]
fn what_serde_refuses_is_refused_with_its_error() {
    let bad = [
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","text":"x"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","kind":"note","source":"cli","text":"x","extra":1}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-02-30T23:50:34Z","kind":"note","source":"cli","text":"x"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","kind":"nope","source":"cli","text":"x"}"#,
        "{\"id\":\"01K2S5Y7W0000000000000000A\",\"at\":\"2025-08-15T23:50:34Z\",\"kind\":\"note\",\"source\":\"cli\",\"text\":\"raw\ttab\"}",
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","kind":"note","source":"cli","text":"x"} trailing"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","kind":"note","source":"cli","text":"cut"#,
    ];
    for line in bad {
        let serde = serde_json::from_str::<Record>(line).unwrap_err();
        let fast = parse_line(line.as_bytes()).unwrap_err();
        assert_eq!(fast.to_string(), serde.to_string(), "{line}");
    }
    assert!(parse_line(b"{\"id\":\"\xff\"}").is_err());
    assert_eq!(special(b"abcdefgh\"ijklmnop"), Some((8, true)));
    assert_eq!(special(b"abcdefghijklm\\nop"), Some((13, true)));
    assert_eq!(special(b"ab\x01"), Some((2, true)));
    assert_eq!(
        special("é✓ and more text here\u{7f}\u{80}".as_bytes()),
        None
    );
    assert_eq!(special("ab\"é".as_bytes()), Some((2, true)));
    assert_eq!(special("abcdefgh é\"".as_bytes()), Some((11, false)));
    assert_eq!(special("é\"".as_bytes()), Some((2, false)));
}

/// Whatever bytes a string holds, the scan stops where the first quote, backslash or
/// control character is, and calls what comes before it ASCII only when it is.
#[test]
fn the_scan_for_a_string_end_tells_ascii_truly() {
    let alphabet: [&[u8]; 6] = [b"a", b"\"", b"\\", b"\x01", "é".as_bytes(), b"\xff"];
    let mut seed = 7u64;
    for _ in 0..20_000 {
        let mut bytes = Vec::new();
        for _ in 0..seed % 23 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pick = (seed >> 33) as usize % 12;
            bytes.extend_from_slice(alphabet[pick.saturating_sub(6)]);
        }
        let stop = bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        match special(&bytes) {
            Some((at, ascii)) => {
                assert_eq!(Some(at), stop, "{bytes:?}");
                assert!(!ascii || bytes[..at].is_ascii(), "{bytes:?}");
            }
            None => assert_eq!(stop, None, "{bytes:?}"),
        }
        seed = seed.rotate_left(17) ^ bytes.len() as u64;
    }
}

#[test]
fn written_records_take_the_fast_path() {
    let line = crate::record::to_line(&Record::Interaction(crate::session::Interaction {
        id: Ulid::from_parts(1, 2),
        at: "2025-08-15T23:50:34.5Z".parse().unwrap(),
        kind: Kind::Decision,
        source: Source::Agent,
        text: "JSONL for the timeline".into(),
        head: None,
        branch: None,
    }));
    let (record, end) = fast(&line).expect("the canonical shape");
    assert_eq!(end, line.len() - 1);
    assert_eq!(record, serde_json::from_slice(&line).unwrap());
    let two = [line.clone(), b"{not json}\n".to_vec()].concat();
    let (first, _, rest) = parse_next(&two);
    assert_eq!(first.unwrap(), record);
    let (second, bad, rest) = parse_next(rest);
    assert!(second.is_err());
    assert_eq!((bad, rest), (&b"{not json}"[..], &b""[..]));
}

#[test]
fn only_what_is_an_interaction_is_told_one_by_its_start() {
    let interaction = r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34.5Z","kind":"note","source":"cli","text":"x"}"#;
    assert!(is_interaction_line(interaction.as_bytes()));
    let others = [
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","amends":"01K2S5Y7W0000000000000000B","kind":"note"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","set":"title","text":"x"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z","seen":"tui"}"#,
        r#"{"at":"2025-08-15T23:50:34Z","id":"01K2S5Y7W0000000000000000A","kind":"note","source":"cli","text":"x"}"#,
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34Z""#,
        "",
    ];
    for line in others {
        assert!(!is_interaction_line(line.as_bytes()), "{line}");
        assert_eq!(interaction_head(line.as_bytes()), None, "{line}");
    }
    let Record::Interaction(i) = parse_line(interaction.as_bytes()).unwrap() else {
        panic!("an interaction")
    };
    assert_eq!(interaction_head(interaction.as_bytes()), Some((i.id, i.at)));
}

/// Every line the borrowed decoder takes, it reads as the record path does; every other
/// line it leaves to that path.
#[test]
fn the_borrowed_decoder_agrees_with_the_records() {
    let id = r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34.5Z""#;
    let lines = [
        format!(r#"{id},"kind":"note","source":"cli","text":"plain words"}}"#),
        format!(r#"{id},"kind":"step","source":"agent","text":"a \"quoted\"\nline \u0007 é ✓ 𝄞"}}"#),
        format!(r#"{id},"kind":"commit","source":"git","text":"x","head":"0123456789abcdef0123456789abcdef01234567","branch":"main"}}"#),
        format!(r#"{id},"kind":"note","source":"tui","text":"","head":"a\"b","branch":"fe\u00e9"}}"#),
        format!(r#"{id},"kind":"note","source":"cli","text":"bad \q escape"}}"#),
        format!(r#"{id},"kind":"note","source":"cli","text":"x","head":"bad \q"}}"#),
        format!(r#"{id},"kind":"note","source":"cli","text":"x","deleted":true}}"#),
        format!(r#"{id},"kind":"note","source":"cli","text":"x","seen":"tui"}}"#),
        format!(r#"{id},"amends":"01K2S5Y7W0000000000000000B","text":"fixed"}}"#),
        format!(r#"{id},"seen":"tui"}}"#),
        format!(r#"{id},"kind":"note","source":"cli"}}"#),
        format!(r#"{id},"kind":"note","source":"cli","text":"x"}} "#),
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"0000-08-15T23:50:34Z","kind":"note","source":"cli","text":"x"}"#.to_string(),
        r#"{"id":"01K2S5Y7W0000000000000000A","at":"2025-08-15T23:50:34+02:00","kind":"note","source":"cli","text":"x"}"#.to_string(),
    ];
    let mut taken = 0;
    for line in &lines {
        let bytes = [line.as_bytes(), b"\n", b"next"].concat();
        let mut scratch = String::new();
        let record = parse_line(line.as_bytes());
        match next_interaction(&bytes, &mut scratch) {
            Some((i, rest)) => {
                taken += 1;
                assert_eq!(rest, b"next", "{line}");
                let Ok(Record::Interaction(want)) = record else {
                    panic!("taken but not an interaction: {line}");
                };
                let text = text_of(&bytes[i.text.clone()]).expect("its text reads back");
                let got = (i.id, i.at, i.kind, i.source, text.as_ref());
                let want = (want.id, want.at, want.kind, want.source, want.text.as_str());
                assert_eq!(got, want, "{line}");
            }
            None => assert!(
                !matches!(fast(line.as_bytes()), Some((Record::Interaction(_), end)) if end == line.len()),
                "left though the fast path reads it: {line}"
            ),
        }
        let cut = &bytes[..line.len()];
        assert!(
            next_interaction(cut, &mut scratch).is_none(),
            "no newline: {line}"
        );
    }
    assert_eq!(taken, 4);
    let invalid = b"{\"id\":\"01K2S5Y7W0000000000000000A\",\"at\":\"2025-08-15T23:50:34Z\",\"kind\":\"note\",\"source\":\"cli\",\"text\":\"\xff\"}\n";
    assert!(next_interaction(invalid, &mut String::new()).is_none());
    // a text read again from its place is a string's bytes, or nothing
    assert_eq!(
        text_of(b"tab\\there \\u00e9").as_deref(),
        Some("tab\there é")
    );
    assert_eq!(text_of("plain é".as_bytes()).as_deref(), Some("plain é"));
    for bad in [&b"a\"b"[..], b"\xff", b"bad \\q", b"raw\ttab", b"end\\"] {
        assert_eq!(text_of(bad), None, "{bad:?}");
    }
    assert!(parse_line(&invalid[..invalid.len() - 1]).is_err());
}

/// Every time a line may carry, from no decimals to nine, and ids at both ends of their
/// range, take the fast path to what serde reads, whatever follows the time: a shorter time
/// followed by a quote where a longer one would end is not taken for one.
#[test]
fn every_length_of_time_and_every_id_takes_the_fast_path() {
    let ids = [
        Ulid(0),
        Ulid(u128::MAX),
        Ulid::from_parts(1_755_301_834_000, 0xabc),
    ];
    for (decimals, id) in (0..=9).flat_map(|d| ids.map(|id| (d, id))) {
        let fraction = if decimals == 0 {
            String::new()
        } else {
            format!(".{}", &"123456789"[..decimals])
        };
        for after in [
            r#""kind":"note","source":"cli","text":"x""#,
            r#""kind":"step","source":"tui","text":"\"\"\"\"\"\"\"\"""#,
        ] {
            let line = format!(r#"{{"id":"{id}","at":"2025-08-15T23:50:34{fraction}Z",{after}}}"#);
            let (record, end) = fast(line.as_bytes()).expect("the canonical shape");
            assert_eq!(end, line.len(), "{line}");
            assert_eq!(
                record,
                serde_json::from_str::<Record>(&line).unwrap(),
                "{line}"
            );
        }
    }
}

/// Dates read one after another, the same again and others between, each read as chrono
/// reads it: the date kept from the line before is taken only for the same spelling.
#[test]
fn a_date_read_again_is_the_same_and_another_is_its_own() {
    let times = [
        "2025-08-15T23:50:34Z",
        "2025-08-15T23:59:59.5Z",
        "2025-08-16T00:00:00Z",
        "2025-08-15T12:00:00Z",
        "2024-02-29T01:02:03Z",
        "2025-02-29T01:02:03Z",
        "2024-02-29T01:02:03Z",
        "9999-12-31T23:59:59Z",
    ];
    for text in times {
        let want = text.parse::<DateTime<Utc>>().ok();
        assert_eq!(time::parse(text.as_bytes()), want, "{text}");
    }
}
