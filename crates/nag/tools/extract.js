// Writes the packs' structure (rule order, ids, rule names, service folders, levels,
// control ids)
// as JSON on stdout, read from the pinned cdk-nag in ../tests/oracle/node_modules.
// No texts are extracted: rule texts are written in our own words in each rule file.
// usage: node tools/extract.js   (tools/gen.py runs it)
const path = require('path');
const fs = require('fs');
const modules = path.join(__dirname, '..', 'tests', 'oracle', 'node_modules');
const cdk = require(path.join(modules, 'aws-cdk-lib'));
const nag = require(path.join(modules, 'cdk-nag'));
const rulesDir = path.join(modules, 'cdk-nag', 'lib', 'rules');
const dirOf = {};
for (const dir of fs.readdirSync(rulesDir)) {
  const full = path.join(rulesDir, dir);
  if (!fs.statSync(full).isDirectory()) continue;
  for (const file of fs.readdirSync(full)) {
    if (file.endsWith('.js') && file !== 'index.js') dirOf[file.replace(/\.js$/, '')] = dir;
  }
}
const app = new cdk.App();
const stack = new cdk.Stack(app, 'S');
const resource = new cdk.CfnResource(stack, 'R', { type: 'X::Y::Z' });
const packs = {
  AwsSolutions: nag.AwsSolutionsChecks,
  'HIPAA.Security': nag.HIPAASecurityChecks,
  'NIST.800.53.R4': nag.NIST80053R4Checks,
  'NIST.800.53.R5': nag.NIST80053R5Checks,
  'PCI.DSS.321': nag.PCIDSS321Checks,
};
const out = {};
for (const [name, Pack] of Object.entries(packs)) {
  const pack = new Pack();
  const rows = [];
  pack.applyRule = (params) => {
    // The compliance packs map each rule to control ids (facts, kept as data).
    const controls = / - \(Control IDs?: (.*)\)\.?\s*$/.exec(params.info);

    rows.push({
      suffix: params.ruleSuffixOverride || null,
      rule: params.rule.name,
      dir: dirOf[params.rule.name],
      level: params.level,
      controls: controls ? controls[1] : null,

    });
  };
  pack.visit(resource);
  out[name] = rows;
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
