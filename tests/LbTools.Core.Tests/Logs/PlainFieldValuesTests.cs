using System.Globalization;
using LbTools.Core.Logs.Values;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary><see cref="PlainFieldValues"/> must answer exactly as <see cref="FieldValues"/> (the BCL parsers) for every text.</summary>
public class PlainFieldValuesTests
{
    private static readonly string[] Numbers =
    {
        "", "-", " ", "0", "00", "007", "1", "9", "42", "123456789", "999999999", "1000000000", "2147483647", "2147483648", "-1", "+1", " 1", "1 ",
        "1.", ".1", "0.1", "0.123", "1.5", "12.000", "60.001", "0.0000001", "123456789012345", "1234567890123456", "12345678901234567", "999999999999999999",
        "1000000000000000000", "9223372036854775807", "9223372036854775808", "1e3", "1E+2", "-0", "-0.5", "0x1F", "1,5", "1_000", "\u0661\u0662", "\uff11",
        "NaN", "Infinity", "-Infinity", "1..2", "1.2.3", "..", ".", "0.", "00.5", "12345678.12345678", "0.000000000000001", "0.0000000000000001",
    };

    private static readonly string[] Times =
    {
        "", "-", "2024-06-01T10:00:05Z", "2024-06-01T10:00:05.1Z", "2024-06-01T10:00:05.123Z", "2024-06-01T10:00:05.1234567Z",
        "2024-06-01T10:00:05.12345678Z", "2024-06-01T10:00:05.Z", "2024-06-01T10:00:05+08:00", "2024-06-01T10:00:05-05:30", "2024-06-01T10:00:05.5+13:59",
        "2024-06-01T10:00:05+14:00", "2024-06-01T10:00:05-14:00", "2024-06-01T10:00:05+00:60", "2024-06-01T10:00:05z", "2024-06-01t10:00:05Z",
        "2024-06-01 10:00:05Z", "2024-06-01T10:00:05", "2024-06-01T10:00:60Z", "2024-06-01T24:00:00Z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z", "2024-06-00T00:00:00Z", "2024-06-31T00:00:00Z", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-01:00", "0002-01-01T00:00:00+13:59", "9998-12-31T23:59:59-13:59", "2024-06-01T10:00:05+0800",
        "2024-06-01T10:00:05 +08:00", "2024-06-01T10:00:05Z ", " 2024-06-01T10:00:05Z", "2024-06-01T10:00:05GMT", "2024-6-01T10:00:05Z", "x024-06-01T10:00:05Z",
        "2024-06-01T10:00:05.1234567+08:00", "2024-06-01T1a:00:05Z", "2024/06/01T10:00:05Z", "2024-06-01T10:00:05\u0660Z",
    };

    [Fact]
    public void Numbers_parse_as_fieldvalues_parses_them()
    {
        foreach (var text in Numbers.Concat(RandomNumbers(new Random(11), 20000)))
        {
            Assert.Equal(Result(FieldValues.TryInt(text, out var expectedInt), expectedInt), Result(PlainFieldValues.TryInt(text, out var actualInt), actualInt));
            Assert.Equal(Result(FieldValues.TryLong(text, out var expectedLong), expectedLong), Result(PlainFieldValues.TryLong(text, out var actualLong), actualLong));
            Assert.Equal(Seconds(FieldValues.TrySeconds(text, out var expected), expected), Seconds(PlainFieldValues.TrySeconds(text, out var actual), actual));
        }

        Assert.True(PlainFieldValues.TryInt(null, out var none) && none == null);
        Assert.True(PlainFieldValues.TrySeconds(null, out var noSeconds) && noSeconds == null);
    }

    [Fact]
    public void Times_parse_as_fieldvalues_parses_them()
    {
        foreach (var text in Times.Concat(RandomTimes(new Random(12), 20000)))
        {
            bool expectedOk = FieldValues.TryUtcTime(text, out var expected);
            bool actualOk = PlainFieldValues.TryUtcTime(text, out var actual);
            Assert.True(expectedOk == actualOk, text);
            Assert.True(expected?.UtcTicks == actual?.UtcTicks && expected?.Offset == actual?.Offset, $"{text}: {expected:O} vs {actual:O}");
        }
    }

    private static string Result<T>(bool ok, T? value)
        where T : struct => ok + " " + (value?.ToString() ?? "null");

    private static string Seconds(bool ok, double? value) => ok + " " + (value?.ToString("R", CultureInfo.InvariantCulture) ?? "null");

    private static IEnumerable<string> RandomNumbers(Random random, int count)
    {
        const string Alphabet = "0123456789012345678901234567890123456789.-+ e";
        for (int i = 0; i < count; i++)
        {
            var chars = new char[random.Next(1, 21)];
            for (int k = 0; k < chars.Length; k++)
            {
                chars[k] = Alphabet[random.Next(random.Next(3) == 0 ? Alphabet.Length : 11)];
            }

            yield return new string(chars);
        }
    }

    private static IEnumerable<string> RandomTimes(Random random, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var time = new DateTime(1, 1, 1).AddTicks((long)(random.NextDouble() * DateTime.MaxValue.Ticks));
            var text = time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            if (random.Next(2) == 0)
            {
                text += "." + time.ToString("fffffff", CultureInfo.InvariantCulture).Substring(0, random.Next(1, 9) switch { 8 => 7, var n => n }) + (random.Next(6) == 0 ? "9" : string.Empty);
            }

            text += random.Next(3) switch
            {
                0 => "Z",
                1 => (random.Next(2) == 0 ? "+" : "-") + random.Next(16).ToString("00", CultureInfo.InvariantCulture) + ":" + random.Next(62).ToString("00", CultureInfo.InvariantCulture),
                _ => string.Empty,
            };
            yield return random.Next(10) == 0 ? text.Remove(random.Next(text.Length), 1) : text;
        }
    }
}
