//! Any bytes, read as a JSON or YAML template: parsing either fails with an error or yields a
//! template every rule of every pack can be run on, and reports can be written; nothing panics.
#![no_main]

use lakeforge_nag::packs::ALL;
use lakeforge_nag::{Template, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for origin in ["Fuzz.json", "Fuzz.yaml"] {
        if let Ok(template) = Template::parse(text, origin) {
            let report = check(&template, &ALL);
            for pack in &ALL {
                let _ = report.to_csv(pack.name);
                let _ = report.to_json(pack.name);
            }
            let _ = report.summary();
            let _ = check(&template.with_parameter_defaults(), &ALL);
        }
    }
});
