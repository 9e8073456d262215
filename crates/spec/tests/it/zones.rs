//! Zones, locations, enumerations and lake roots.

use std::path::Path;

use lakeforge_spec::*;

#[test]
fn zones_parse_with_raw_as_bronze() {
    assert_eq!("raw".parse::<Zone>(), Ok(Zone::Bronze));
    assert_eq!("bronze".parse::<Zone>(), Ok(Zone::Bronze));
    assert_eq!("gold".parse::<Zone>().map(Zone::as_str), Ok("gold"));
    let err = "sliver".parse::<Zone>().unwrap_err();
    assert_eq!(err.valid[0], "silver");
    assert!(
        err.to_string()
            .starts_with("unknown zone `sliver`; valid values are silver, "),
        "{err}"
    );
    assert_eq!(err.valid.len(), 3);
    assert_eq!(Zone::ALL, [Zone::Bronze, Zone::Silver, Zone::Gold]);
    assert_eq!(Zone::default(), Zone::Bronze);
}

#[test]
fn locations_give_the_folder_and_bucket_names() {
    let names: Vec<String> = Location::ALL.iter().map(|l| l.stem("retail")).collect();
    assert_eq!(
        names,
        [
            "retail-bronze",
            "retail-silver",
            "retail-gold",
            "retail-cicd",
            "retail-datadocs"
        ]
    );
    assert_eq!(
        Location::Datadocs.bucket_name("retail", "123456789012", "eu-west-1"),
        "retail-datadocs-123456789012-eu-west-1"
    );
    assert_eq!("cicd".parse::<Location>(), Ok(Location::Cicd));
    assert_eq!("raw".parse::<Location>(), Ok(Location::Zone(Zone::Bronze)));
    assert_eq!(Location::from(Zone::Gold).to_string(), "gold");
    assert!("docs".parse::<Location>().is_err());
}

#[test]
fn enumerations_spell_themselves_as_in_toml() {
    assert_eq!(
        NagPack::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        [
            "AwsSolutions",
            "HIPAA.Security",
            "NIST.800.53.R4",
            "NIST.800.53.R5",
            "PCI.DSS.321"
        ]
    );
    assert_eq!("PCI.DSS.321".parse::<NagPack>(), Ok(NagPack::PciDss321));
    assert_eq!(
        "full-load-and-cdc".parse::<MigrationType>(),
        Ok(MigrationType::FullLoadAndCdc)
    );
    assert_eq!(DatePartitionSequence::ALL.len(), 5);
    assert_eq!(AirflowEnvClass::ALL.len(), 6);
    assert_eq!(RedshiftNodeType::ALL.len(), 6);
    assert_eq!(UseCase::Churn.to_string(), "churn");
    assert_eq!(Engine::Mariadb.to_string(), "mariadb");
}

#[test]
fn lake_roots_resolve_against_the_spec_folder() {
    let root = Lake::default().parsed_root().expect("valid");
    assert_eq!(root, LakeRoot::File("./lake".into()));
    let resolved = root.resolve(Path::new("/work/project"));
    assert_eq!(resolved, LakeRoot::File("/work/project/lake".into()));
    assert_eq!(resolved.to_url(), "file:///work/project/lake");
    let abs = LakeRoot::parse("file:///data/lake").expect("valid");
    assert_eq!(abs.clone().resolve(Path::new("/x")), abs);
    assert_eq!(
        LakeRoot::parse("s3://bucket").expect("valid").to_url(),
        "s3://bucket"
    );
    assert_eq!(
        LakeRoot::parse("memory://").expect("valid"),
        LakeRoot::Memory(String::new())
    );
    assert!(
        LakeRoot::parse("s3://Bad_Bucket/x")
            .unwrap_err()
            .contains("invalid bucket")
    );
    assert!(LakeRoot::parse("lake").is_err());
    assert!(LakeRoot::parse("file://").is_err());
}
