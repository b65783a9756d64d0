using LbTools.Core.Logs.Lines;
using LbTools.Core.Logs;

namespace LbTools.Core.Tests.Logs;

/// <summary>
/// Which files get threads: chunked parsing only pays for files of some size (starting the
/// threads costs about a millisecond a file), and a .gz read ahead spends one of the threads
/// decompressing.
/// </summary>
public class FileThreadPlanTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(false, 100 * 1024, 4, 1)]      // a small plain file: the calling thread
    [InlineData(false, 8 * MiB, 4, 4)]         // from the default size: every thread parses
    [InlineData(false, 64 * MiB, 1, 1)]        // one thread asked for
    [InlineData(true, 100 * 1024, 4, 1)]       // a small .gz: no read-ahead, the calling thread
    [InlineData(true, 512 * 1024, 4, 1)]       // counted as 4 MiB of lines: read ahead, parsed here
    [InlineData(true, 2 * MiB, 4, 3)]          // counted as 16 MiB: one thread decompresses, three parse
    [InlineData(true, 2 * MiB, 2, 1)]          // two threads: one decompresses, the calling thread parses
    public void Threads_follow_the_kind_and_size_of_the_file(bool gzip, long length, int parseThreads, int workers)
    {
        Assert.Equal(workers, FileThreadPlan.ParseWorkers(gzip, length, parseThreads, FileThreadPlan.DefaultParallelFrom));
    }

    [Theory]
    [InlineData(true, 256 * 1024, true)]
    [InlineData(true, (256 * 1024) - 1, false)]
    [InlineData(false, 64 * MiB, false)]
    public void Only_a_gz_of_some_size_is_read_ahead(bool gzip, long length, bool readAhead)
    {
        Assert.Equal(readAhead, FileThreadPlan.ReadAhead(gzip, length));
    }

    [Theory]
    [InlineData(false, 20 * MiB, 2, true)]              // a mid-size plain file of several: beside the others
    [InlineData(false, 64 * MiB, 4, false)]             // from 64 MB: alone, in chunks on every thread
    [InlineData(true, 7 * MiB, 4, true)]                // a .gz counted as 56 MiB of lines
    [InlineData(true, 8 * MiB, 4, false)]               // counted as 64 MiB: alone
    [InlineData(false, 100 * 1024, 1, false)]           // one thread asked for: in turn
    public void Files_of_a_read_of_several_go_side_by_side_when_threads_allow_and_they_are_not_large(bool gzip, long length, int parseThreads, bool sideBySide)
    {
        Assert.Equal(sideBySide, FileThreadPlan.SideBySide(gzip, length, parseThreads, FileThreadPlan.SideBySideBelow));
    }
}
