/**
 * Field names that no CloudTrail record has make a selection that never matches, silently: they are warned about,
 * with the field they were probably meant to be. Checked here on the names themselves, on the built-in rules (none)
 * and on SigmaHQ's AWS rules, where it finds one real mistake.
 */
import { describe, expect, it } from '@jest/globals';
import { builtinRulesDir, loadRules } from '../../src/rules/load.js';
import { unknownFieldProblem, unknownFieldWarnings } from '../../src/rules/record-fields.js';
import { SIGMAHQ_DIR } from './helpers.js';

describe('unknownFieldProblem', () => {
  it.each([
    ['eventName', 'detection'],
    ['requestParameters.anything.at.all', 'detection'],
    ['userIdentity.sessionContext.sessionIssuer.arn', 'detection'],
    ['userIdentity.sessionContext.attributes.mfaAuthenticated', 'detection'],
    ['derived.principal', 'detection'],
    ['actor', 'display'],
    ['resources.ARN', 'detection'],
  ] as const)('accepts %s (%s)', (field, use) => {
    expect(unknownFieldProblem(field, use)).toBeUndefined();
  });

  it.each([
    ['eventname', 'detection', "'eventname' is not a CloudTrail record field; did you mean 'eventName'?"],
    ['sourceIpAddress', 'display', "did you mean 'sourceIPAddress'?"],
    [
      'userIdentity.username',
      'detection',
      "not a field of userIdentity; did you mean 'userIdentity.userName'?",
    ],
    [
      'userIdentity.sessionContext.sessionIssuer.ARN',
      'detection',
      "did you mean 'userIdentity.sessionContext.sessionIssuer.arn'?",
    ],
    ['status', 'detection', "'status' is not a CloudTrail record field (field names are case-sensitive)"],
    // `actor` is the findings builder's, not a record's: a detection must use derived.actor.
    ['actor', 'detection', "did you mean 'derived.actor'?"],
  ] as const)('warns about %s (%s)', (field, use, message) => {
    expect(unknownFieldProblem(field, use)).toContain(message);
  });
});

describe('unknownFieldWarnings', () => {
  it('finds nothing in the built-in rules', async () => {
    const { rules } = await loadRules([builtinRulesDir()], { builtin: true });
    expect(rules.length).toBeGreaterThan(50);
    expect(rules.flatMap(({ rule }) => unknownFieldWarnings(rule))).toEqual([]);
  });

  it("finds SigmaHQ's aws_delete_saml_provider matching on 'status', which CloudTrail records do not have", async () => {
    const { rules } = await loadRules([SIGMAHQ_DIR], { builtin: false });
    const warned = rules
      .map(({ rule }) => [rule.ruleId, unknownFieldWarnings(rule)] as const)
      .filter(([, warnings]) => warnings.length > 0);
    expect(warned).toEqual([
      [
        'aws_delete_saml_provider',
        [expect.stringMatching(/^selection 'selection': 'status' is not a CloudTrail record field/)],
      ],
    ]);
  });
});
