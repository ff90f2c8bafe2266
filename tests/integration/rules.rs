//! Rule files: validation errors name file, rule and field.

use std::fs;

use ward_audit::rules::RuleSet;

fn copy_embedded_rules(dir: &std::path::Path) {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn embedded_rules_are_the_eight_requirements_in_order() {
    let rules = RuleSet::embedded().unwrap();
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "tthc-list",
            "receiving-staff",
            "work-schedule",
            "org-structure",
            "phone-directory",
            "boundary-map",
            "local-history",
            "news-freshness"
        ]
    );
    assert!(!rules.version.is_empty());
}

#[test]
fn a_rules_dir_replaces_the_embedded_rules() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    fs::remove_file(dir.path().join("08-news-freshness.toml")).unwrap();
    let rules = RuleSet::from_dir(dir.path()).unwrap();
    assert_eq!(rules.rules.len(), 7);
    assert_eq!(rules.source, dir.path().display().to_string());
}

#[test]
fn an_unknown_field_in_a_signal_names_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("05-phone-directory.toml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("min_pass = 5", "min_pas = 5");
    fs::write(&path, text).unwrap();
    let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("05-phone-directory.toml"), "{err}");
    assert!(err.contains("min_pas"), "{err}");
    assert!(err.contains("line"), "{err}");
}

#[test]
fn thresholds_out_of_order_name_rule_and_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("05-phone-directory.toml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("min_partial = 1", "min_partial = 9");
    fs::write(&path, text).unwrap();
    let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("rule `phone-directory`") && err.contains("signal[0] (phones).min_partial"),
        "{err}"
    );
}

#[test]
fn an_unknown_signal_kind_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("06-boundary-map.toml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("kind = \"media\"", "kind = \"picture\"");
    fs::write(&path, text).unwrap();
    let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("06-boundary-map.toml") && err.contains("picture"),
        "{err}"
    );
}

#[test]
fn explain_says_where_to_look_and_what_passes() {
    let rules = RuleSet::embedded().unwrap();
    let text = rules.get("phone-directory").unwrap().explain();
    assert!(text.contains("«danh bạ điện thoại»"), "{text}");
    assert!(text.contains("ít nhất 5 số điện thoại"), "{text}");
    assert!(rules.get("no-such-rule").is_err());
}

#[test]
fn english_texts_replace_the_vietnamese_and_fall_back_without_them() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("05-phone-directory.toml");
    let text = fs::read_to_string(&path).unwrap();
    let without_en = &text[..text.find("[text.en]").unwrap()];
    fs::write(&path, without_en).unwrap();
    let rules = RuleSet::from_dir(dir.path()).unwrap();
    assert_eq!(rules.without_english(), ["phone-directory"]);
    let english = rules.in_lang(ward_audit::lang::Lang::En);
    assert_eq!(
        english.get("boundary-map").unwrap().title,
        "Administrative boundary map"
    );
    // No [text.en]: the Vietnamese title stays rather than nothing.
    assert_eq!(
        english.get("phone-directory").unwrap().title,
        "Danh bạ điện thoại"
    );
    assert!(RuleSet::embedded().unwrap().without_english().is_empty());
}

#[test]
fn an_empty_english_text_names_its_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("03-work-schedule.toml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("title = \"Work schedule\"", "title = \" \"");
    fs::write(&path, text).unwrap();
    let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("03-work-schedule.toml"), "{err}");
    assert!(err.contains("`text.en.title`"), "{err}");
}

#[test]
fn an_exclusion_lifted_by_nothing_names_its_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("04-org-structure.toml");
    let text = fs::read_to_string(&path).unwrap();
    let from = "named_with = [\"ubnd\", \"ủy ban nhân dân\"]";
    assert!(text.contains(from), "the shipped rule has {from}");
    fs::write(&path, text.replace(from, "named_with = []")).unwrap();
    let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("04-org-structure.toml") && err.contains("look.exclude_unless.named_with"),
        "{err}"
    );
}

#[test]
fn drawn_map_fields_go_together_and_are_lower_case() {
    for (from, to, field) in [
        (
            "drawn_map_sources = [",
            "drawn_map_sources = [\"\", ",
            "drawn_map_sources",
        ),
        (
            "drawn_map_sources = [",
            "drawn_map_sources = [\"ArcGIS.com\", ",
            "drawn_map_sources",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        copy_embedded_rules(dir.path());
        let path = dir.path().join("06-boundary-map.toml");
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "the shipped rule has {from}");
        fs::write(&path, text.replace(from, to)).unwrap();
        let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("06-boundary-map.toml") && err.contains(field),
            "{from} -> {to}: {err}"
        );
    }
    // Without phrases, sources alone are refused.
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("06-boundary-map.toml");
    let text = fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("drawn_map_phrases"))
        .collect();
    fs::write(&path, kept.join("\n")).unwrap();
    let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("signal[0] (media).drawn_map_phrases"), "{err}");
}

#[test]
fn one_entry_min_of_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("01-tthc-list.toml");
    let text = fs::read_to_string(&path).unwrap();
    let from = "one_entry_fields = [";
    assert!(text.contains(from), "the shipped rule has {from}");
    fs::write(
        &path,
        text.replace(from, "one_entry_min = 0\none_entry_fields = ["),
    )
    .unwrap();
    let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("01-tthc-list.toml") && err.contains("(items).one_entry_min"),
        "{err}"
    );
    // 1 is a threshold like any other.
    fs::write(
        &path,
        text.replace(from, "one_entry_min = 1\none_entry_fields = ["),
    )
    .unwrap();
    RuleSet::from_dir(dir.path()).unwrap();
}

#[test]
fn a_former_unit_mark_in_upper_case_names_its_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_rules(dir.path());
    let path = dir.path().join("04-org-structure.toml");
    let text = fs::read_to_string(&path).unwrap();
    let from = "former_unit = [\"(cũ)\"]";
    assert!(text.contains(from), "the shipped rule has {from}");
    fs::write(&path, text.replace(from, "former_unit = [\"(CŨ)\"]")).unwrap();
    let err = RuleSet::from_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("04-org-structure.toml")
            && err.contains("signal[0] (people).former_unit")
            && err.contains("(CŨ)"),
        "{err}"
    );
}
