using System.Collections.Generic;
using LbTools.Core.Logs;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>The built-in rule tables of a provider family, in the order the resolver applies them: origin, retries, then the family's own.</summary>
    internal static class RuleTables
    {
        private static readonly RuleTable[] AwsAlb = { OriginRule.Table, RetryRule.Table, AwsAlbRules.ReasonTable, AwsAlbRules.Table };
        private static readonly RuleTable[] AwsClb = { OriginRule.Table, RetryRule.Table, AwsClbRules.Table };
        private static readonly RuleTable[] CloudFront = { OriginRule.Table, RetryRule.Table, CloudFrontRules.DetailedTable, CloudFrontRules.ResultTable, CloudFrontRules.Table };
        private static readonly RuleTable[] ProxyFamily = { OriginRule.Table, RetryRule.Table, ProxyFamilyRules.OddAnswerTable, ProxyFamilyRules.Table };

        public static IReadOnlyList<RuleTable> For(LbProvider provider) => provider switch
        {
            LbProvider.AwsAlb => AwsAlb,
            LbProvider.AwsClb => AwsClb,
            LbProvider.CloudFront => CloudFront,
            _ => ProxyFamily,
        };
    }
}
