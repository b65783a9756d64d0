using System.IO;

namespace LbTools.Core.Logs
{
    /// <summary>Opens log files, decompressing gzip by content (magic bytes), not by name.</summary>
    public static class LogSource
    {
        public static Stream Open(string path)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
            try
            {
                int b1 = file.ReadByte();
                int b2 = file.ReadByte();
                file.Position = 0;
                if (b1 == 0x1F && b2 == 0x8B)
                {
                    return new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
                }

                return file;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
    }
}
