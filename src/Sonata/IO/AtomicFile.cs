using System.Text;

namespace Sonata.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a
/// part: the bytes go to a temporary file beside the target, are flushed to disk, and the
/// temporary file is then renamed over the target. A process killed mid-write leaves at most a
/// stray <c>NAME.tmp-XXXXXXXX</c> file beside the target.
/// </summary>
public static class AtomicFile
{
    private const string TemporaryMarker = ".tmp-";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, then renames it into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + TemporaryMarker + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));
}
