using System.Text;

namespace LbTools.Integration.Tests.Backends;

/// <summary>Reads an HTTP request head (up to the blank line) from a stream, bounded in size.</summary>
public static class RequestHead
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>The head as text, or null when the peer closed before a complete head arrived.</summary>
    public static async Task<string?> ReadAsync(Stream stream, CancellationToken token)
    {
        var buffer = new byte[MaxBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length, buffer.Length - length), token);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }
}
