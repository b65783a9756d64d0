using System.Collections.Generic;

namespace LbTools.Core.Diagnosis
{
    /// <summary>One step of the incident checklist, in one language.</summary>
    public sealed class TriageStep
    {
        public TriageStep(string id, TriagePhase phase, IReadOnlyList<CauseOrigin> origins, string? command, string text, string source)
        {
            Id = id;
            Phase = phase;
            Origins = origins;
            Command = command;
            Text = text;
            Source = source;
        }

        public string Id { get; }

        public TriagePhase Phase { get; }

        /// <summary>The origins the step matters for; empty means every incident.</summary>
        public IReadOnlyList<CauseOrigin> Origins { get; }

        /// <summary>A command that carries the step out, where one exists.</summary>
        public string? Command { get; }

        public string Text { get; }

        public string Source { get; }

        public override string ToString() => $"[{Phase}] {Text}";
    }
}
