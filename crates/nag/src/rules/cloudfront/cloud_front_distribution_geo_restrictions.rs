//! CloudFront distributions restrict where they can be viewed from.

use crate::rule::prelude::*;

/// CloudFront distributions restrict where they can be viewed from.
pub static RULE: Rule = Rule {
    name: "CloudFrontDistributionGeoRestrictions",
    service: "cloudfront",
    info: "The CloudFront distribution has no geo restriction.",
    explanation: "Serving content only to the countries that need it reduces exposure to abuse from elsewhere. Configure Restrictions.GeoRestriction with an allow or block list, or suppress with the reason the content is global.",
    resource_types: &["AWS::CloudFront::Distribution"],
    check,
};

fn check(distribution: &Resource, _: &Template) -> Outcome {
    let restrictions = member(distribution.prop("DistributionConfig"), "Restrictions")?;
    if is_nullish(restrictions) {
        return Ok(Verdict::NonCompliant);
    }
    let geo = member(restrictions, "GeoRestriction")?;
    let kind = primitive(member(geo, "RestrictionType")?)?;
    Ok(Verdict::from_pass(
        string_of(kind).as_deref() != Some("none"),
    ))
}
