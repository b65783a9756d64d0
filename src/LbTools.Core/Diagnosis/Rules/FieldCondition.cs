using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LbTools.Core.Diagnosis.Rules
{
    /// <summary>One test on a record field: equals, notEquals, matches (regex), atLeast, atMost or present.</summary>
    public sealed class FieldCondition
    {
        public FieldCondition(string field, string? equalsValue, string? notEquals, Regex? matches, double? atLeast, double? atMost, bool? present)
        {
            Field = field;
            EqualsValue = equalsValue;
            NotEquals = notEquals;
            Matches = matches;
            AtLeast = atLeast;
            AtMost = atMost;
            Present = present;
        }

        public string Field { get; }

        public string? EqualsValue { get; }

        public string? NotEquals { get; }

        public Regex? Matches { get; }

        public double? AtLeast { get; }

        public double? AtMost { get; }

        public bool? Present { get; }

        /// <summary>Tests the value ('-' stands for a missing value) and says what was compared.</summary>
        public bool Test(string value, out string? threshold)
        {
            threshold = null;
            bool missing = value == "-";
            if (Present != null)
            {
                threshold = Present.Value ? "present" : "absent";
                if (Present.Value == missing)
                {
                    return false;
                }
            }

            if (EqualsValue != null)
            {
                threshold = EqualsValue;
                if (!string.Equals(value, EqualsValue, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            if (NotEquals != null)
            {
                threshold = "not " + NotEquals;
                if (string.Equals(value, NotEquals, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            if (Matches != null)
            {
                threshold = Matches.ToString();
                if (!Matches.IsMatch(value))
                {
                    return false;
                }
            }

            if (AtLeast != null || AtMost != null)
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return false;
                }

                threshold = AtLeast != null ? ">= " + AtLeast.Value.ToString(CultureInfo.InvariantCulture) : "<= " + AtMost!.Value.ToString(CultureInfo.InvariantCulture);
                if (number < AtLeast || number > AtMost)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
