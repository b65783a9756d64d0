using LbTools.Core.Logs.Values;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary>Multi-attempt values: the one-attempt shortcut must split as the general loop does.</summary>
public class UpstreamValuesTests
{
    [Theory]
    [InlineData("10.0.0.1:80", "10.0.0.1:80")]
    [InlineData(" 10.0.0.1:80 ", "10.0.0.1:80")]
    [InlineData("[::1]:80", "[::1]:80")]
    [InlineData(" ", "<null>")]
    [InlineData(" - ", "<null>")]
    [InlineData("a:b", "a:b")]
    [InlineData("a :b", "a :b")]
    [InlineData("a: b", "a: b")]
    [InlineData("10.0.0.1:80, 10.0.0.2:80 : 10.0.0.3:80", "10.0.0.1:80|10.0.0.2:80|10.0.0.3:80")]
    [InlineData("502, -", "502|<null>")]
    [InlineData(",", "<null>|<null>")]
    [InlineData("a : b", "a|b")]
    [InlineData(" : ", "<null>|<null>")]
    [InlineData("a :  b", "a|b")]
    public void Splits_attempts(string text, string expected)
    {
        Assert.Equal(expected, string.Join("|", UpstreamValues.Split(text).Select(p => p ?? "<null>")));
        Assert.Equal(expected, string.Join("|", SplitByLoop(text).Select(p => p ?? "<null>")));
    }

    [Fact]
    public void Absent_text_has_no_attempts()
    {
        Assert.Empty(UpstreamValues.Split(null));
        Assert.Empty(UpstreamValues.Split("-"));
        Assert.True(UpstreamValues.TrySeconds("", out var times) && times.Length == 0);
        Assert.True(UpstreamValues.TryStatuses("502, 200 : -", out var statuses));
        Assert.Equal(new int?[] { 502, 200, null }, statuses);
        Assert.False(UpstreamValues.TrySeconds("0.1, x", out _));
    }

    [Fact]
    public void Random_text_splits_as_the_loop_splits()
    {
        var random = new Random(3);
        const string Alphabet = "ab1:, -";
        for (int i = 0; i < 20000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 10)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            Assert.Equal(SplitByLoop(text), UpstreamValues.Split(text));
        }
    }

    /// <summary>The general rule, kept here as the reference: ',' always separates, ':' only as " : "; parts are trimmed, "" and "-" are null.</summary>
    private static string?[] SplitByLoop(string text)
    {
        if (FieldValues.IsAbsent(text))
        {
            return Array.Empty<string?>();
        }

        var parts = new List<string?>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            bool end = i == text.Length;
            bool separator = !end && (text[i] == ',' || (text[i] == ':' && i > 0 && text[i - 1] == ' ' && i + 1 < text.Length && text[i + 1] == ' '));
            if (end || separator)
            {
                var part = text.Substring(start, i - start).Trim();
                parts.Add(part.Length == 0 || part == "-" ? null : part);
                start = i + 1;
            }
        }

        return parts.ToArray();
    }
}
