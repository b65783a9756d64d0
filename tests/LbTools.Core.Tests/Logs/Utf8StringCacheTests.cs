using System.Text;
using LbTools.Core.Logs.Values;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// The host and target-address cache: a hit must give the string of exactly these bytes, also
/// when another key shares its slot (direct-mapped, so the newer key replaces the older one).
/// </summary>
public class Utf8StringCacheTests
{
    [Fact]
    public void Same_bytes_give_an_equal_shared_string()
    {
        var cache = new Utf8StringCache();
        var first = cache.Get(Encoding.UTF8.GetBytes("www.example.com"));
        var second = cache.Get(Encoding.UTF8.GetBytes("www.example.com"));
        Assert.Equal("www.example.com", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Different_bytes_in_the_same_slot_give_their_own_strings()
    {
        var (a, b) = SameSlotPair("ip-10-0-{0}.ec2.internal");
        var cache = new Utf8StringCache();
        for (int round = 0; round < 3; round++)
        {
            Assert.Equal(a, cache.Get(Encoding.UTF8.GetBytes(a)));
            Assert.Equal(b, cache.Get(Encoding.UTF8.GetBytes(b)));
        }
    }

    [Fact]
    public void Keys_differing_only_in_the_middle_get_different_slots_mostly()
    {
        // EC2 host names share long prefixes and suffixes; the hash must see the middle words.
        var slots = new HashSet<int>();
        for (int i = 0; i < 256; i++)
        {
            slots.Add(Utf8StringCache.SlotOf(Encoding.UTF8.GetBytes($"ip-10-0-{i / 16}-{i % 16:D2}.eu-west-1.compute.internal")));
        }

        Assert.True(slots.Count > 128, $"only {slots.Count} slots for 256 keys");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("abcd")]
    [InlineData("abcdefg")]
    [InlineData("abcdefgh")]
    [InlineData("abcdefghi")]
    [InlineData("abcdefghijklmnop")]
    [InlineData("abcdefghijklmnopq")]
    [InlineData("hôst.example")]
    [InlineData("10.0.0.1:80")]
    [InlineData("[2001:db8::1]:443")]
    public void Any_length_decodes_to_its_own_text(string text)
    {
        var cache = new Utf8StringCache();
        Assert.Equal(text, cache.Get(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, cache.Get(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Keys_longer_than_the_cache_limit_are_decoded_uncached()
    {
        var text = new string('x', 97) + "ü";
        var cache = new Utf8StringCache();
        Assert.Equal(text, cache.Get(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(text, cache.Get(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Threads_sharing_a_slot_always_get_their_own_strings()
    {
        var (a, b) = SameSlotPair("10.0.{0}:8080");
        var cache = new Utf8StringCache();
        var keys = new[] { Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b) };
        var texts = new[] { a, b };
        int wrong = 0;
        Parallel.For(0, 4, worker =>
        {
            for (int i = 0; i < 20000; i++)
            {
                int k = (i + worker) & 1;
                if (cache.Get(keys[k]) != texts[k])
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    /// <summary>Two different keys of one pattern whose hashes pick the same slot.</summary>
    private static (string, string) SameSlotPair(string pattern)
    {
        var seen = new Dictionary<int, string>();
        for (int i = 0; ; i++)
        {
            var key = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, i);
            int slot = Utf8StringCache.SlotOf(Encoding.UTF8.GetBytes(key));
            if (seen.TryGetValue(slot, out var other))
            {
                return (other, key);
            }

            seen[slot] = key;
        }
    }
}
