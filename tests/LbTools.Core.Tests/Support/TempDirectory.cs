namespace LbTools.Core.Tests.Support;

/// <summary>A folder that exists for one test and is removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lbtools-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string GzipFile(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        using var file = System.IO.File.Create(path);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Optimal);
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        gzip.Write(bytes, 0, bytes.Length);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open on a slow runner must not fail the test.
        }
    }
}
