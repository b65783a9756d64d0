using System.Text;
using LbTools.Core.Logs;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The ALB parser with the vector tokenizer gives exactly the records and rejections of the
/// parser without it: every property, every vendor field, every rejection detail, on the
/// documented examples and on damaged copies of them (flipped bytes, cuts, dropped and added
/// fields, stray quotes, backslashes and spaces).
/// </summary>
public class AwsAlbVectorPathTests
{
    [Fact]
    public void Records_and_rejections_are_those_of_the_portable_path()
    {
        var vector = new CountingFinder(AwsFieldFinders.Vector ?? throw new InvalidOperationException("no vector tokenizer: " + AwsFieldFinders.Description));
        var withVector = new AwsAlbLineParser(vector);
        var portable = new AwsAlbLineParser(null);
        var random = new Random(20261201);
        var lines = new List<string>();
        foreach (var sample in AlbExamples.All)
        {
            lines.Add(sample);
            for (int i = 0; i < 300; i++)
            {
                lines.Add(Damage(random, sample, i % 6));
            }
        }

        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            string expected = RecordSnapshot.Of(() => portable.Parse(bytes), reverse: false);
            Assert.Equal(expected, RecordSnapshot.Of(() => withVector.Parse(bytes), reverse: false));
            Assert.Equal(expected, RecordSnapshot.Of(() => withVector.Parse(bytes), reverse: true));
        }

        // Both decisions were exercised (each line is parsed twice): lines the vector path cut,
        // and damaged lines it handed back to the portable tokenizer.
        Assert.Equal(2 * lines.Count, vector.Taken + vector.Declined);
        Assert.InRange(vector.Taken, lines.Count / 2, 2 * lines.Count);
        Assert.InRange(vector.Declined, lines.Count / 10, 2 * lines.Count);
    }

    private static string Damage(Random random, string sample, int kind)
    {
        var parts = sample.Split(' ').ToList();
        switch (kind)
        {
            case 0:
                var chars = sample.ToCharArray();
                chars[random.Next(chars.Length)] = "\"\\ x-é"[random.Next(6)];
                return new string(chars);
            case 1:
                return sample.Substring(0, random.Next(sample.Length));
            case 2:
                parts.RemoveAt(random.Next(parts.Count));
                return string.Join(" ", parts);
            case 3:
                parts.Insert(random.Next(parts.Count + 1), random.Next(3) switch { 0 => "\"x y\"", 1 => "\"\"", _ => "extra" });
                return string.Join(" ", parts);
            case 4:
                // Runs of spaces between fields, and a long tail past one 64-byte word.
                return string.Join(new string(' ', 1 + random.Next(3)), parts) + " \"" + new string('t', random.Next(130)) + "\"";
            default:
                return sample.Replace("\"GET ", random.Next(2) == 0 ? "\"GET \\\"q\\\" " : "\"GET \\\\ ");
        }
    }

    /// <summary>Counts how often the vector tokenizer took a line and how often it handed it back.</summary>
    private sealed class CountingFinder : IAwsVectorFieldFinder
    {
        private readonly IAwsVectorFieldFinder _inner;

        public CountingFinder(IAwsVectorFieldFinder inner) => _inner = inner;

        public int Taken { get; private set; }

        public int Declined { get; private set; }

        public string Description => _inner.Description;

        public bool TryFindNarrow(ReadOnlySpan<byte> line, ref ushort[] spans, out int count)
        {
            bool taken = _inner.TryFindNarrow(line, ref spans, out count);
            _ = taken ? Taken++ : Declined++;
            return taken;
        }
    }
}
