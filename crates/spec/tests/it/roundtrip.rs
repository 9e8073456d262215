//! `to_toml_string` then parsing gives back an equal spec.

use lakeforge_spec::Spec;

use crate::parsing::EVERYTHING;
use crate::valid;

#[test]
fn every_key_survives_a_round_trip() {
    let spec = valid(EVERYTHING);
    let text = spec.to_toml_string();
    assert_eq!(valid(&text), spec, "{text}");
}

#[test]
fn the_retail_example_survives_a_round_trip() {
    let spec = valid(lakeforge_spec::templates::RETAIL);
    assert_eq!(valid(&spec.to_toml_string()), spec);
}

#[test]
fn a_minimal_spec_is_written_out_in_full() {
    let spec = valid("[projects.core]\n");
    let text = spec.to_toml_string();
    assert!(text.contains("[projects.core]\n"), "{text}");
    assert!(text.contains("airflow_version = \"2.6.3\""), "{text}");
    assert!(text.contains("vpc_cidr = \"10.0.0.0/16\""), "{text}");
    // Absent optional tables stay absent.
    assert!(
        !text.contains("[simulator]") && !text.contains("[streams"),
        "{text}"
    );
    assert_eq!(text.parse::<Spec>().expect("valid"), spec);
}
