import json, re, os
SRC='/work/main/crates/nag/src'
d=json.load(open('/tmp/oracle/packs.json'))
OVR={'ALBWAFEnabled':'alb_waf_enabled','APIGWSSLEnabled':'apigw_ssl_enabled','DynamoDBPITREnabled':'dynamo_db_pitr_enabled','EC2IMDSv2Enabled':'ec2_imdsv2_enabled','ELBACMCertificateRequired':'elb_acm_certificate_required','ELBv2ACMCertificateRequired':'elbv2_acm_certificate_required','EMRS3AccessLogging':'emr_s3_access_logging','OpenSearchAllowlistedIPs':'open_search_allowlisted_ips','VPCNoNACLs':'vpc_no_nacls','WAFv2LoggingEnabled':'wafv2_logging_enabled'}
def snake(s):
    if s in OVR: return OVR[s]
    s=re.sub('([A-Z]+)([A-Z][a-z])',r'\1_\2',s); s=re.sub('([a-z0-9])([A-Z])',r'\1_\2',s); return s.lower()
def rs(s):
    s=json.dumps(s,ensure_ascii=False)
    return re.sub(r'\\u([0-9a-fA-F]{4})',r'\\u{\1}',s)
files={'AwsSolutions':'aws_solutions','HIPAA.Security':'hipaa_security','NIST.800.53.R4':'nist_800_53_r4','NIST.800.53.R5':'nist_800_53_r5','PCI.DSS.321':'pci_dss_321'}
services={}
for pack,v in d.items():
    out=[f'//! The {pack} pack (cdk-nag 2.38.2): rules in cdk-nag\'s order with their levels and texts.\n','use super::{Level, PackRule, RuleRef};','#[allow(unused_imports)]\nuse crate::rules::*;\n' if False else 'use crate::rules::*;\n', f'/// Every rule of {pack}.','pub(super) static RULES: &[PackRule] = &[']
    for r in v['rows']:
        rid=f"{pack}-{r['suffix'] or r['rule']}"
        mod=snake(r['rule']); svc=r['dir']
        services.setdefault(svc,set()).add(mod)
        if os.path.exists(f'{SRC}/rules/{svc}/{mod}.rs'):
            ref=f'RuleRef::Implemented(&{svc}::{mod}::RULE)'
        else:
            ref=f'RuleRef::Missing {{ name: "{r["rule"]}", service: "{svc}" }}'
        out.append(f'    PackRule {{ id: "{rid}", level: Level::{r["level"]}, info: {rs(r["info"])}, explanation: {rs(r["explanation"])}, rule: {ref} }},')
    out.append('];\n')
    open(f'{SRC}/packs/{files[pack]}.rs','w').write('\n'.join(out))
# rules mod files
present=[]
for svc in sorted(services):
    mods=sorted(m for m in services[svc] if os.path.exists(f'{SRC}/rules/{svc}/{m}.rs'))
    if not mods: continue
    present.append(svc)
    helpers=sorted(f[:-3] for f in os.listdir(f'{SRC}/rules/{svc}') if f.endswith('.rs') and f[:-3] not in mods and f not in ('mod.rs','tests.rs'))
    lines=[f'//! {svc} rules.\n']+[f'pub mod {m};' for m in mods]+[f'mod {h};' for h in helpers]
    if os.path.exists(f'{SRC}/rules/{svc}/tests.rs'): lines.append('\n#[cfg(test)]\nmod tests;')
    open(f'{SRC}/rules/{svc}/mod.rs','w').write('\n'.join(lines)+'\n')
lines=['//! Every rule, one file each, laid out by AWS service.\n']
if os.path.exists(f'{SRC}/rules/testing.rs'): lines.append('#[cfg(test)]\nmod testing;')
for f in sorted(os.listdir(f'{SRC}/rules')):
    if f.endswith('.rs') and f not in ('mod.rs','testing.rs'): lines.append(f'pub(crate) mod {f[:-3]};')
lines+= [f'pub mod {s};' for s in present]
open(f'{SRC}/rules/mod.rs','w').write('\n'.join(lines)+'\n')
# list of missing
miss=[(s,m) for s in services for m in services[s] if not os.path.exists(f'{SRC}/rules/{s}/{m}.rs')]
print('missing',len(miss),'of',sum(len(x) for x in services.values()))
