// usage: node oracle.js template.(json|yaml) outdir [packs...]
const path = require('path');
const cdk = require('/tmp/cdknag/node_modules/aws-cdk-lib');
const inc = require('/tmp/cdknag/node_modules/aws-cdk-lib/cloudformation-include');
const nag = require('/tmp/cdknag/node_modules/cdk-nag');
const [tpl, outdir, ...packs] = process.argv.slice(2);
const app = new cdk.App({ outdir });
const stackName = path.basename(tpl).replace(/\.(template\.)?(json|ya?ml)$/, '');
const stack = new cdk.Stack(app, stackName);
new inc.CfnInclude(stack, 'T', { templateFile: tpl });
const all = { AwsSolutions: nag.AwsSolutionsChecks, 'HIPAA.Security': nag.HIPAASecurityChecks, 'NIST.800.53.R4': nag.NIST80053R4Checks, 'NIST.800.53.R5': nag.NIST80053R5Checks, 'PCI.DSS.321': nag.PCIDSS321Checks };
for (const p of (packs.length ? packs : Object.keys(all))) cdk.Aspects.of(app).add(new all[p]({ verbose: true, reportFormats: [nag.NagReportFormat.CSV, nag.NagReportFormat.JSON] }));
try { app.synth(); } catch (e) { console.error('SYNTH ERROR', e.message); process.exit(2); }
