// The test oracle: real cdk-nag (pinned in package.json) over CloudFormation templates.
// Each template is imported with CfnInclude into a stack named after the file (scope `T`),
// the five packs are applied with CSV and JSON reports, and the app is synthesized to OUTDIR,
// where cdk-nag writes `<Pack>-<Stage>-<Stack>-NagReport.{csv,json}` (the app's stage id is empty).
//
// usage: node oracle.js OUTDIR TEMPLATE... (install first: npm ci --prefix crates/nag/tests/oracle)
'use strict';
// cdk-nag is the oracle; the CDK's own template validation is noise (and slow) here.
process.env.CDK_VALIDATION = 'false';
// Some corpus templates use deprecated properties on purpose; their warnings are noise here.
process.env.JSII_DEPRECATED = 'quiet';
const path = require('path');
const cdk = require('aws-cdk-lib');
const include = require('aws-cdk-lib/cloudformation-include');
const nag = require('cdk-nag');

const [outdir, ...templates] = process.argv.slice(2);
if (!outdir || templates.length === 0) {
  console.error('usage: node oracle.js OUTDIR TEMPLATE...');
  process.exit(64);
}
const started = process.hrtime.bigint();
const app = new cdk.App({ outdir });
for (const template of templates) {
  const name = path.basename(template).replace(/\.(template\.)?(json|ya?ml)$/, '');
  const stack = new cdk.Stack(app, name);
  const included = new include.CfnInclude(stack, 'T', { templateFile: path.resolve(template) });
  // A CDK app keeps stack-level suppressions (NagSuppressions.addStackSuppressions) in the stack's
  // template metadata, which is where cdk-nag reads them; CfnInclude would only copy the
  // template's Metadata section to the output. Move `cdk_nag` over, as the app would have it.
  const metadata = included.template.Metadata;
  if (metadata && metadata.cdk_nag) {
    stack.templateOptions.metadata = { cdk_nag: metadata.cdk_nag };
    delete metadata.cdk_nag;
  }
}
const options = { verbose: true, reportFormats: [nag.NagReportFormat.CSV, nag.NagReportFormat.JSON] };
for (const Pack of [
  nag.AwsSolutionsChecks,
  nag.HIPAASecurityChecks,
  nag.NIST80053R4Checks,
  nag.NIST80053R5Checks,
  nag.PCIDSS321Checks,
]) {
  cdk.Aspects.of(app).add(new Pack(options));
}
// Findings are annotations, not failures: synth must not stop at the first error.
app.synth({ validateOnSynthesis: false });
const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ templates: templates.length, milliseconds: Math.round(elapsed) }));
