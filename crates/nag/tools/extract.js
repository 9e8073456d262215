const cdk = require('/tmp/cdknag/node_modules/aws-cdk-lib');
const nag = require('/tmp/cdknag/node_modules/cdk-nag');
const fs = require('fs'); const cp = require('child_process');
const dirOf = {};
for (const f of cp.execSync('cd /tmp/nag/rules && find . -name "*.js" ! -name index.js').toString().trim().split('\n')) { const [, d, n] = f.split('/'); dirOf[n.replace('.js','')] = d; }
const app = new cdk.App(); const stack = new cdk.Stack(app, 'S');
const res = new cdk.CfnResource(stack, 'R', { type: 'X::Y::Z' });
const packs = { AwsSolutions: nag.AwsSolutionsChecks, 'HIPAA.Security': nag.HIPAASecurityChecks, 'NIST.800.53.R4': nag.NIST80053R4Checks, 'NIST.800.53.R5': nag.NIST80053R5Checks, 'PCI.DSS.321': nag.PCIDSS321Checks };
const out = {};
for (const [name, cls] of Object.entries(packs)) {
  const p = new cls(); const rows = [];
  p.applyRule = (a) => rows.push({ suffix: a.ruleSuffixOverride || null, rule: a.rule.name, dir: dirOf[a.rule.name], level: a.level, info: a.info, explanation: a.explanation, ignore: a.ignoreSuppressionCondition ? a.ignoreSuppressionCondition.constructor.name : null });
  p.visit(res); out[name] = { rows, globalIgnore: p.packGlobalSuppressionIgnore ? p.packGlobalSuppressionIgnore.constructor.name : null };
}
fs.writeFileSync('packs.json', JSON.stringify(out, null, 1));
