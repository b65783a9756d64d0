using System.Text;
using LbTools.Core.Common;
using LbTools.Core.Logs;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The vector tokenizer (LbTools.Core.Simd) must cut every line it accepts exactly as the
/// portable one does, and decline the lines where a byte-by-byte reading could differ
/// (escapes, quotes inside fields, unclosed quotes). Lines are built around its 64-byte words:
/// quotes and spaces on bytes 62–65, lines of 63, 64 and 65 bytes, quoted fields across words.
/// </summary>
public class VectorAwsFieldFinderTests
{
    private static IAwsVectorFieldFinder Finder =>
        AwsFieldFinders.Vector ?? throw new InvalidOperationException("LbTools.Core.Simd.dll did not load next to LbTools.Core.dll: " + AwsFieldFinders.Description);

    [Fact]
    public void Loads_in_a_net8_or_later_process_from_the_folder_of_Core()
    {
        Assert.NotNull(AwsFieldFinders.Vector);
        Assert.StartsWith("vector tokenizer", AwsFieldFinders.Description, StringComparison.Ordinal);
        Assert.NotNull(new AwsAlbLineParser().Parse(Encoding.UTF8.GetBytes(AlbExamples.Https)).Record);
    }

    [Fact]
    public void The_reader_says_once_on_Debug_which_tokenizer_cuts_ALB_lines_and_nothing_for_nginx()
    {
        // What Get-LbAccessLog turns into its Debug stream (the Pester test checks the stream itself).
        using var dir = new TempDirectory();
        var alb = new[] { dir.File("a.log", AlbExamples.Http + "\n"), dir.File("b.log", AlbExamples.Https + "\n") };
        var nginx = dir.File("n.log", "203.0.113.6 - - [01/Jun/2024:09:59:59 +0200] \"GET /x HTTP/1.1\" 200 1 \"-\" \"curl\"\n");

        var provider = new QueuedLoggerProvider(LogLevel.Debug);
        new AccessLogReader(new AccessLogReadOptions(), new CollectingSink(), provider.CreateLogger("t")).ReadFiles(alb, CancellationToken.None).ToList();
        var said = provider.Drain().Where(e => e.Message.Contains("tokenizer", StringComparison.Ordinal)).ToList();
        var entry = Assert.Single(said);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal("AWS ALB lines are cut by the " + AwsFieldFinders.Description + ".", entry.Message);
        Assert.StartsWith("AWS ALB lines are cut by the vector tokenizer", entry.Message, StringComparison.Ordinal);

        new AccessLogReader(new AccessLogReadOptions { Format = LogFormat.Nginx }, new CollectingSink(), provider.CreateLogger("t")).ReadFiles(new[] { nginx }, CancellationToken.None).ToList();
        Assert.DoesNotContain(provider.Drain(), e => e.Message.Contains("tokenizer", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AwsFieldSpansTests.Lines), MemberType = typeof(AwsFieldSpansTests))]
    public void Agrees_with_the_portable_tokenizer_on_the_examples(string line) => AssertAgrees(Encoding.UTF8.GetBytes(line));

    public static TheoryData<string> OrdinaryLines => new(AlbExamples.All.Concat(new[] { "a  b   \"c d\" \"\" h", "", "   " }));

    [Theory]
    [MemberData(nameof(OrdinaryLines))]
    public void Takes_ordinary_lines_itself(string line)
    {
        var spans = new ushort[8];
        Assert.True(Finder.TryFindNarrow(Encoding.UTF8.GetBytes(line), ref spans, out _));
    }

    [Theory]
    [InlineData("a \"b\\\"c\" d")]           // escaped quote
    [InlineData("a b\\c d")]                 // a backslash anywhere
    [InlineData("a b\"c d")]                 // a quote inside an unquoted field
    [InlineData("a \"b\"c d")]               // a closing quote with a byte after it
    [InlineData("a \"b\"\"c\" d")]           // two quoted fields with no space between
    [InlineData("a \"unclosed")]
    public void Declines_lines_the_portable_tokenizer_must_decide(string line)
    {
        var spans = new ushort[8];
        Assert.False(Finder.TryFindNarrow(Encoding.UTF8.GetBytes(line), ref spans, out int count));
        Assert.Equal(0, count);
    }

    [Fact]
    public void Agrees_around_64_byte_word_edges()
    {
        for (int length = 56; length <= 140; length++)
        {
            for (int mark = Math.Max(0, length - 72); mark < length; mark++)
            {
                foreach (char c in new[] { ' ', '"' })
                {
                    var bytes = Encoding.ASCII.GetBytes(new string('a', length));
                    bytes[mark] = (byte)c;
                    AssertAgrees(bytes);
                    if (mark + 2 < length)
                    {
                        // A quoted field "aa…" opening or closing on the edge.
                        bytes[mark] = (byte)' ';
                        bytes[mark + 1] = (byte)'"';
                        bytes[length - 1] = (byte)'"';
                        AssertAgrees(bytes);
                    }
                }
            }
        }
    }

    [Fact]
    public void Agrees_on_random_lines_of_fields()
    {
        // Whole fields (plain, quoted with spaces inside, empty quoted, dashes), joined by one or
        // more spaces, some damaged: the shapes ALB writes, at lengths across many 64-byte words.
        var random = new Random(20261202);
        string[] parts = { "-", "200", "0.001", "10.0.0.1:80", "\"GET http://h:80/p?q=1 HTTP/1.1\"", "\"\"", "\"a b c\"", "\"-\"", "x\"y", "\"z", "w\\", "\"e\\\"f\"", "é" };
        int regular = 0;
        int regularTaken = 0;
        for (int i = 0; i < 20000; i++)
        {
            // Half the lines use only well-formed fields and at least one space between them.
            bool wellFormed = random.Next(2) == 0;
            var builder = new StringBuilder();
            int fields = random.Next(0, 60);
            for (int f = 0; f < fields; f++)
            {
                builder.Append(' ', wellFormed ? random.Next(1, 4) : random.Next(0, 3));
                builder.Append(parts[random.Next(wellFormed ? 8 : parts.Length)]);
            }

            bool taken = AssertAgrees(Encoding.UTF8.GetBytes(builder.ToString()));
            regular += wellFormed ? 1 : 0;
            regularTaken += wellFormed && taken ? 1 : 0;
        }

        // The vector path must take every well-formed line, not decline its way to agreement.
        Assert.Equal(regular, regularTaken);
    }

    [Fact]
    public void Both_vector_widths_mark_the_same_bytes()
    {
        // 256-bit vectors where the processor has them, 128-bit elsewhere (ARM): both against a byte loop.
        var random = new Random(128);
        byte[] alphabet = { (byte)' ', (byte)'"', (byte)'\\', (byte)'a', 0xA0, 0xA2, 0xDC, 0x00, 0x7F };
        for (int i = 0; i < 2000; i++)
        {
            var word = new byte[64];
            for (int k = 0; k < word.Length; k++)
            {
                word[k] = alphabet[random.Next(alphabet.Length)];
            }

            (ulong spaces, ulong quotes, ulong slashes) expected = (0, 0, 0);
            for (int k = 0; k < 64; k++)
            {
                expected.spaces |= word[k] == (byte)' ' ? 1UL << k : 0;
                expected.quotes |= word[k] == (byte)'"' ? 1UL << k : 0;
                expected.slashes |= word[k] == (byte)'\\' ? 1UL << k : 0;
            }

            Assert.Equal(expected, LbTools.Core.Simd.VectorAwsFieldFinder.MasksOf(word, wide: true));
            Assert.Equal(expected, LbTools.Core.Simd.VectorAwsFieldFinder.MasksOf(word, wide: false));
        }
    }

    [Fact]
    public void Both_prefix_xors_give_the_running_parity_of_the_bits()
    {
        // Carry-less multiply on x86, shifts elsewhere: both against the bit-by-bit definition.
        var random = new Random(64);
        var words = new List<ulong> { 0, ulong.MaxValue, 1, 1UL << 63, 0x8000_0000_0000_0001UL };
        for (int i = 0; i < 2000; i++)
        {
            words.Add(((ulong)(uint)random.Next() << 33) ^ ((ulong)(uint)random.Next() << 2) ^ (ulong)random.Next(4));
        }

        foreach (ulong word in words)
        {
            ulong expected = 0;
            ulong parity = 0;
            for (int bit = 0; bit < 64; bit++)
            {
                parity ^= (word >> bit) & 1;
                expected |= parity << bit;
            }

            Assert.Equal(expected, LbTools.Core.Simd.VectorAwsFieldFinder.PrefixXor(word));
            Assert.Equal(expected, LbTools.Core.Simd.VectorAwsFieldFinder.PrefixXorByShifts(word));
        }
    }

    [Fact]
    public void Grows_the_array_as_the_portable_tokenizer_does()
    {
        // 5,000 one-byte fields from an 8-entry array: taken, and cut as the portable tokenizer cuts it
        // (AwsFieldSpansTests checks that one's count and last span).
        Assert.True(AssertAgrees(Encoding.ASCII.GetBytes(string.Join(" ", Enumerable.Repeat("x", 5000)))));
    }

    /// <summary>When the vector tokenizer takes the line, its spans equal the portable ones; returns whether it took it.</summary>
    private static bool AssertAgrees(byte[] line)
    {
        var expected = new ushort[8];
        var actual = new ushort[8];
        bool portable = AwsFieldSpans.TryFindNarrow(line, ref expected, out int expectedCount);
        if (!Finder.TryFindNarrow(line, ref actual, out int actualCount))
        {
            return false;
        }

        string shown = Encoding.UTF8.GetString(line);
        Assert.True(portable, $"the vector tokenizer took a line the portable one rejects: '{shown}'");
        Assert.True(expectedCount == actualCount, $"{actualCount} fields, expected {expectedCount}: '{shown}'");
        Assert.True(expected.AsSpan(0, expectedCount * 2).SequenceEqual(actual.AsSpan(0, actualCount * 2)), $"spans differ: '{shown}'");
        return true;
    }
}
