//! Near-duplicate text on hand-made posts: a copy-paste network with small edits in four
//! scripts is found; boilerplate, short greetings and unrelated texts link no one.

use std::fmt::Write;
mod common;

use common::read_csv;
use std::process::Command;

/// Four campaigns, each posted by p1, p2 and p3 with edits of their own within two minutes.
const CAMPAIGNS: [[&str; 3]; 4] = [
    [
        "The council will vote on the new housing plan next Tuesday evening! #StopThePlan #NoVote",
        // Cyrillic "о" in "council" and an emoji: the same shingles as p1 (J = 1).
        "The c\u{043E}uncil will vote on the new housing plan next tuesday evening 🏠",
        // Word 6 swapped: 12 words, 11 bigrams each, 9 shared of 13 distinct: J = 9/13.
        "the council will vote on a new housing plan next tuesday evening",
    ],
    [
        "Совет проголосует за новый план застройки во вторник вечером",
        // A zero-width space inside a word and a soft hyphen: invisible, removed.
        "Совет про\u{200B}голосует за новый план за\u{00AD}стройки во вторник вечером",
        "СОВЕТ проголосует за новый план застройки во ВТОРНИК вечером!!!",
    ],
    [
        "我们必须立即行动起来保护我们的国家和人民",
        "我们必须立即行动起来，保护我们的国家和人民！！🇨🇳",
        "我们必须马上行动起来保护我们的国家和人民",
    ],
    [
        "يجب أن نقف معا ضد هذا القرار الظالم اليوم",
        "@someone يجب أن نقف معا ضد هذا القرار الظالم اليوم https://example.org/a",
        "يجب أن نقف معا ضد هذا القرار الظالم اليوم 🙏",
    ],
];

fn posts() -> String {
    let mut csv = String::from("account_id,post_id,timestamp,text\n");
    let mut id = 0;
    let mut row = |csv: &mut String, account: &str, time: &str, text: &str| {
        id += 1;
        let text = text.replace('"', "\"\"");
        writeln!(csv, "{account},t{id},{time},\"{text}\"").unwrap();
    };
    for (day, campaign) in CAMPAIGNS.iter().enumerate() {
        for (k, text) in campaign.iter().enumerate() {
            let time = format!("2024-09-0{}T10:0{}:00Z", day + 2, k);
            row(&mut csv, &format!("p{}", k + 1), &time, text);
        }
    }
    // 210 accounts post variants of one kind message on three days, minutes apart: a narrative
    // spread over more than 200 accounts is boilerplate.
    for day in 0..3 {
        for b in 0..210 {
            let text = match b % 3 {
                0 => "Sending love and prayers to everyone affected today",
                1 => "sending LOVE and prayers to everyone affected today ❤️",
                _ => "Sending love and prayers to everyone affected today!!",
            };
            let time = format!("2024-09-1{day}T08:{:02}:{:02}Z", b / 60, b % 60);
            row(&mut csv, &format!("b{b}"), &time, text);
        }
    }
    // Short greetings at the same second on five days: too short to link.
    for day in 0..5 {
        for g in 1..=3 {
            let time = format!("2024-09-2{day}T07:00:00Z");
            row(&mut csv, &format!("g{g}"), &time, "Good morning everyone!");
        }
    }
    // Different texts at the same time.
    for day in 0..5 {
        let time = format!("2024-09-2{day}T12:00:00Z");
        row(
            &mut csv,
            "q1",
            &time,
            "I finally finished painting the garden fence this weekend",
        );
        row(
            &mut csv,
            "q2",
            &time,
            "Our team lost again and the coach should resign right now",
        );
    }
    csv
}

#[test]
fn copy_paste_network_is_found_and_boilerplate_links_no_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("posts.csv");
    std::fs::write(&input, posts()).unwrap();
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(["detect", input.to_str().unwrap(), "--out"])
        .arg(&out)
        // A dozen posts are too few for the chance model; the fixed evidence rule shows which
        // accounts the text signal links.
        .arg("--min-evidence")
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let (_, accounts) = read_csv(&out.join("accounts.csv"));
    let mut members: Vec<(&str, &str)> = accounts
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    members.sort();
    assert_eq!(members, vec![("p1", "1"), ("p2", "1"), ("p3", "1")]);

    // Every pair shares the four narratives, each posted by 3 accounts: 4 objects of weight
    // 1/log2(3).
    let (_, edges) = read_csv(&out.join("edges.csv"));
    assert_eq!(edges.len(), 3);
    for e in &edges {
        assert_eq!((e[3].as_str(), e[4].as_str()), ("text", "4"), "{e:?}");
        let w: f64 = e[2].parse().unwrap();
        assert!((w - 4.0 / 3f64.log2()).abs() < 1e-3, "{e:?}");
    }

    let (header, narratives) = read_csv(&out.join("narratives.csv"));
    assert_eq!(
        header,
        [
            "narrative_id",
            "n_posts",
            "n_accounts",
            "n_texts",
            "first_seen",
            "last_seen",
            "boilerplate",
            "text"
        ]
    );
    // The four campaigns and the kind message; greetings are too short, q1 and q2 post alone.
    assert_eq!(narratives.len(), 5, "{narratives:?}");
    let housing = narratives
        .iter()
        .find(|n| n[7].contains("housing plan"))
        .unwrap();
    // Three posts, three accounts, three distinct normalised texts (p2's Cyrillic letter).
    assert_eq!(&housing[1..4], ["3", "3", "3"]);
    assert_eq!(housing[4], "2024-09-02T10:00:00Z");
    assert_eq!(housing[5], "2024-09-02T10:02:00Z");
    let kind = narratives
        .iter()
        .find(|n| n[7].contains("prayers"))
        .unwrap();
    assert_eq!((kind[1].as_str(), kind[2].as_str()), ("630", "210"));
    assert_eq!(kind[6], "true");
    assert_eq!(narratives.iter().filter(|n| n[6] == "true").count(), 1);

    let (_, evidence) = read_csv(&out.join("evidence.csv"));
    assert_eq!(evidence.len(), 12);
    let pair =
        |r: &Vec<String>, x: &str, y: &str| (r[0] == x && r[1] == y) || (r[0] == y && r[1] == x);
    let housing_object = format!("narrative:{}", housing[0]);
    let similarity = |x: &str, y: &str| -> String {
        evidence
            .iter()
            .find(|r| pair(r, x, y) && r[3] == housing_object)
            .map(|r| r[9].clone())
            .unwrap()
    };
    assert_eq!(similarity("p1", "p2"), "1.000");
    // 9/13 = 0.6923.
    assert_eq!(similarity("p1", "p3"), "0.692");

    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["narratives"]["boilerplate_narratives"], 1);
    assert_eq!(run["narratives"]["boilerplate_actions"], 630);
    assert_eq!(run["traces"]["texts_too_short"], 15);
}
