using System.IO.Compression;
using System.Text.RegularExpressions;

namespace LbTools.Cli.Tests;

/// <summary>lbtools triage on the bundled examples and on input it must refuse with a clear message.</summary>
public class TriageCommandTests
{
    private static readonly Regex ReadLine = new(@"^Read (\d+) lines from (\d+) file\(s\): (\d+) parsed, (\d+) rejected, (\d+) skipped; (\d+) record\(s\) diagnosed\.$", RegexOptions.Multiline);

    private static IEnumerable<string> LinesOf(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream data = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(data);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    [Fact]
    public void Triage_of_the_bundled_examples_accounts_for_every_line_of_every_file()
    {
        var files = Directory.GetFiles(LbToolsProcess.ExamplesFolder, "*", SearchOption.AllDirectories);
        int lines = files.Sum(f => LinesOf(f).Count());

        var run = LbToolsProcess.Run("triage", LbToolsProcess.ExamplesFolder);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
        var m = ReadLine.Match(run.Out);
        Assert.True(m.Success, run.Out);
        int N(int group) => int.Parse(m.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(lines, N(1));
        Assert.Equal(files.Length, N(2));
        Assert.Equal(N(1), N(3) + N(4) + N(5));
        Assert.Equal(0, N(4));
    }

    [Fact]
    public void Triage_names_the_connect_failure_behind_the_alb_502s_without_a_target_answer()
    {
        // AWS "Access logs for your Application Load Balancer": field 9 is elb_status_code, 10
        // target_status_code ('-' when the target sent no response), 5 target:port.
        int expected = Directory.GetFiles(Path.Combine(LbToolsProcess.ExamplesFolder, "aws-alb"))
            .SelectMany(LinesOf)
            .Select(l => l.Split(' '))
            .Count(f => f.Length > 9 && f[8] == "502" && f[9] == "-" && f[4] == "10.0.3.21:8080");
        Assert.True(expected > 0);

        var run = LbToolsProcess.Run("triage", LbToolsProcess.ExamplesFolder);

        var row = new Regex($@"^\s*{expected}\s+\d+ %\s+502\s+502\.BackendConnectFailed\s+10\.0\.3\.21:8080\b", RegexOptions.Multiline);
        Assert.Matches(row, run.Out);
        Assert.Contains("502.BackendConnectFailed: ", run.Out);
    }

    [Fact]
    public void Every_source_printed_is_a_public_address()
    {
        var run = LbToolsProcess.Run("triage", LbToolsProcess.ExamplesFolder);

        var sources = run.Out.Split('\n').Where(l => l.TrimStart().StartsWith("source:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, s =>
        {
            Assert.Contains("<https://", s);
            Assert.DoesNotContain("seed", s, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(".md", s, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Culture_ja_prints_the_japanese_titles()
    {
        var run = LbToolsProcess.Run("triage", Path.Combine(LbToolsProcess.ExamplesFolder, "aws-alb"), "--culture", "ja");

        Assert.Equal(0, run.ExitCode);
        var title = run.Out.Split('\n').First(l => l.StartsWith("502.BackendConnectFailed: ", StringComparison.Ordinal));
        Assert.Matches(@"[\u3040-\u30ff\u4e00-\u9fff]", title);
    }

    [Theory]
    [InlineData("usage: lbtools triage PATH")]
    [InlineData("unknown command 'frob'", "frob", "x")]
    [InlineData("error: --format 'Bogus' is not one of Auto, AwsAlb, AwsClb, CloudFront, AlibabaSlsJson, AlibabaSlsCsv, Nginx.", "triage", "examples", "--format", "Bogus")]
    [InlineData("error: ", "triage", "examples", "--culture", "xx-not-a-culture-!")]
    public void A_command_line_it_cannot_run_prints_why_on_stderr_and_exits_2(string expected, params string[] args)
    {
        var run = LbToolsProcess.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Error);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void The_usage_names_both_commands()
    {
        var run = LbToolsProcess.Run();

        Assert.Contains("lbtools triage PATH", run.Error);
        Assert.Contains("lbtools probe TARGET", run.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("query", "--help")]
    [InlineData("triage", "-h")]
    [InlineData("help")]
    public void Help_asked_for_prints_the_usage_of_every_command_on_stdout_and_succeeds(params string[] args)
    {
        var run = LbToolsProcess.Run(args);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage: lbtools triage PATH", run.Out);
        Assert.Contains("lbtools probe TARGET", run.Out);
        Assert.Contains("lbtools query Athena|Sls|DuckDb", run.Out);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void The_nginx_log_format_given_decides_how_each_line_is_read()
    {
        string path = Path.Combine(LbToolsProcess.ExamplesFolder, "nginx", "access-upstream.log");
        int lines = LinesOf(path).Count();

        var preset = LbToolsProcess.Run("triage", path, "--format", "Nginx", "--log-format", "upstream");
        var wrong = LbToolsProcess.Run("triage", path, "--format", "Nginx", "--log-format", "$remote_addr $status");

        Assert.Equal(0, preset.ExitCode);
        Assert.Contains($"Read {lines} lines from 1 file(s): {lines} parsed, 0 rejected, 0 skipped;", preset.Out);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains($"Read {lines} lines from 1 file(s): 0 parsed, {lines} rejected, 0 skipped;", wrong.Out);
        Assert.Contains($"{path}:1: line rejected", wrong.Error);
    }

    [Fact]
    public void A_line_in_another_format_is_rejected_with_file_and_line_and_counted()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "access.log");
        File.WriteAllText(path, "203.0.113.9 - - [05/Dec/2026:01:00:00 +0000] \"GET / HTTP/1.1\" 502 157 \"-\" \"curl/8.5\"\nnot an nginx line\n");

        var run = LbToolsProcess.Run("triage", path, "--format", "Nginx");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}:2:", run.Error);
        Assert.Contains("LineRejected", run.Error);
        Assert.DoesNotContain($"{path}:1:", run.Error);
        Assert.Contains("Read 2 lines from 1 file(s): 1 parsed, 1 rejected, 0 skipped; 1 record(s) diagnosed.", run.Out);
    }

    [Fact]
    public void A_file_in_no_known_format_is_reported_in_words_that_fit_any_front_end()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "notes.txt");
        File.WriteAllText(path, "these are notes, not an access log\n");

        var run = LbToolsProcess.Run("triage", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("LogFormatNotRecognised", run.Error);
        Assert.Contains(path, run.Error);
        Assert.DoesNotContain(" -Format", run.Error);
        Assert.Contains("1 rejected", run.Out);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it_not_a_crash()
    {
        using var dir = new TempFolder();
        string path = Path.Combine(dir.Path, "missing.log");

        var run = LbToolsProcess.Run("triage", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("LogFileUnreadable", run.Error);
        Assert.Contains(path, run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Error);
    }
}

/// <summary>A folder of its own under the temp folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lbtools-cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
