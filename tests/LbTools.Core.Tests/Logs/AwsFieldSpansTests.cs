using System.Text;
using LbTools.Core.Logs.Aws;
using LbTools.Core.Tests.Support;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The ALB parser finds fields with a 16-bit tokenizer for lines up to 32 KiB and an int one
/// above. Both must cut every line the same way: the documented examples, quotes with \" and
/// \\ escapes, runs of spaces, an unclosed quote, and seeded random mixes of those bytes.
/// </summary>
public class AwsFieldSpansTests
{
    public static TheoryData<string> Lines => new()
    {
        AlbExamples.Http,
        AlbExamples.Https,
        AlbExamples.MalformedRequest,
        AlbExamples.LambdaFailure,
        "a  b   \"c d\" \"\" \"e\\\"f\" \"g\\\\\" h",
        "\"unclosed field",
        "\"ends with a backslash\\",
        "   ",
        "",
        "x",
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Narrow_and_wide_tokenizers_agree(string line) => AssertAgree(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void Narrow_and_wide_tokenizers_agree_on_random_lines()
    {
        var random = new Random(20261201);
        // Spaces, quotes and backslashes, plus the same bytes with the high bit set (0xA0, 0xA2,
        // 0xDC) that a word-at-a-time search must not mistake for them.
        byte[] alphabet = Encoding.ASCII.GetBytes("ab \"\\-1 ").Concat(new byte[] { 0xA0, 0xA2, 0xDC, 0x00, 0x21, 0x1F }).ToArray();
        for (int i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 120)];
            for (int k = 0; k < bytes.Length; k++)
            {
                bytes[k] = alphabet[random.Next(alphabet.Length)];
            }

            AssertAgree(bytes);
        }
    }

    [Fact]
    public void The_narrow_array_grows_for_a_line_of_one_byte_fields()
    {
        var line = Encoding.ASCII.GetBytes(string.Join(" ", Enumerable.Repeat("x", 5000)));
        var spans = new ushort[4];
        Assert.True(AwsFieldSpans.TryFindNarrow(line, ref spans, out int count));
        Assert.Equal(5000, count);
        Assert.Equal(2 * 4999, spans[2 * 4999]);
    }

    private static void AssertAgree(byte[] line)
    {
        var narrow = new ushort[8];
        var wide = new int[8 * AwsFieldSpans.Stride];
        bool narrowOk = AwsFieldSpans.TryFindNarrow(line, ref narrow, out int narrowCount);
        bool wideOk = AwsFieldSpans.TryFind(line, ref wide, out int wideCount);
        string shown = Encoding.UTF8.GetString(line);
        Assert.True(narrowOk == wideOk, $"closed-quote verdicts differ for '{shown}'");
        if (!wideOk)
        {
            return;
        }

        Assert.True(narrowCount == wideCount, $"field counts differ for '{shown}'");
        for (int i = 0; i < wideCount; i++)
        {
            int at = i * AwsFieldSpans.Stride;
            Assert.Equal(wide[at], narrow[i * 2]);
            Assert.Equal(wide[at + 1], narrow[(i * 2) + 1] & ~AwsFieldSpans.EscapedFlag);
            Assert.Equal(wide[at + 2] != 0, (narrow[(i * 2) + 1] & AwsFieldSpans.EscapedFlag) != 0);
        }
    }
}
