using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;

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

        /// <summary>How long a rule file's pattern may run on one value.</summary>
        public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

        /// <summary>Values on which <see cref="Matches"/> ran past its timeout (counted as not matching); shared by every thread that tests.</summary>
        public long MatchTimeouts => Interlocked.Read(ref _matchTimeouts);

        private long _matchTimeouts;

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
                bool matched;
                try
                {
                    matched = Matches.IsMatch(value);
                }
                catch (RegexMatchTimeoutException)
                {
                    // The value may come from a client (a user agent built to make the pattern
                    // backtrack): past the timeout the condition does not hold, and is counted.
                    Interlocked.Increment(ref _matchTimeouts);
                    return false;
                }

                if (!matched)
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
