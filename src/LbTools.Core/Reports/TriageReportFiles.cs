using System;
using System.Globalization;
using System.IO;
using System.Text;
using LbTools.Core.Triage;

namespace LbTools.Core.Reports
{
    /// <summary>Writes a triage report to a file whose extension names the kind: .html/.htm or .md/.markdown.</summary>
    public static class TriageReportFiles
    {
        public static bool IsSupported(string path)
        {
            string ext = Path.GetExtension(path ?? string.Empty).ToLowerInvariant();
            return ext == ".html" || ext == ".htm" || ext == ".md" || ext == ".markdown";
        }

        /// <summary>Writes the file (UTF-8, no BOM); ArgumentException when the extension is neither HTML nor Markdown.</summary>
        public static void Write(TriageReport report, string path)
        {
            if (report == null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            string ext = Path.GetExtension(path ?? throw new ArgumentNullException(nameof(path))).ToLowerInvariant();
            if (!IsSupported(path))
            {
                throw new ArgumentException($"'{path}': the report file must end in .html, .htm, .md or .markdown (got '{ext}').");
            }

            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
            if (ext == ".md" || ext == ".markdown")
            {
                TriageMarkdown.Write(report, writer);
            }
            else
            {
                TriageHtml.Write(report, writer);
            }
        }

        internal static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

        internal static string Percent(double fraction) => (fraction * 100).ToString(fraction * 100 < 10 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + " %";

        internal static string Seconds(double? seconds) => seconds?.ToString(seconds < 1 ? "0.###" : "0.##", CultureInfo.InvariantCulture) ?? "-";

        internal static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        internal static string Interval(TimeSpan interval) =>
            interval.TotalDays >= 1 && interval.TotalDays % 1 == 0 ? $"{interval.TotalDays:0} d"
            : interval.TotalHours >= 1 && interval.TotalHours % 1 == 0 ? $"{interval.TotalHours:0} h"
            : interval.TotalMinutes >= 1 && interval.TotalMinutes % 1 == 0 ? $"{interval.TotalMinutes:0} min"
            : $"{interval.TotalSeconds:0} s";
    }
}
