using System.Text.RegularExpressions;

namespace LbTools.Core.Diagnosis
{
    /// <summary>One entry of the nginx message table: a message pattern, the cause it proves and where nginx writes or documents it.</summary>
    public sealed class NginxMessagePattern
    {
        internal NginxMessagePattern(string name, Regex match, string example, string causeId, string source, string origin)
        {
            Name = name;
            Match = match;
            Example = example;
            CauseId = causeId;
            Source = source;
            Origin = origin;
        }

        public string Name { get; }

        public Regex Match { get; }

        /// <summary>A message as nginx writes it that the pattern matches (checked when the table is loaded).</summary>
        public string Example { get; }

        public string CauseId { get; }

        /// <summary>The public source: an nginx source file or an nginx.org documentation page.</summary>
        public string Source { get; }

        /// <summary>The file the entry came from ("built-in" or a -RulePath file).</summary>
        public string Origin { get; }

        public override string ToString() => $"{Name} -> {CauseId}";
    }
}
