using System.Text;

namespace Sonata.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a
/// part: the bytes go to a temporary file beside the target, are flushed to disk, and the
/// temporary file is then renamed over the target. A process killed mid-write leaves at most a
/// stray <c>*.tmp-*</c> file, which <see cref="IsTemporary"/> recognises.
/// </summary>
public static class AtomicFile
{
    private const string TemporaryMarker = ".tmp-";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, then renames it into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteVia(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// Writes <paramref name="path"/> through a tool that only takes a file name (NAudio's
    /// <c>MidiFile.Export</c>, a plot's <c>SavePng</c>): <paramref name="write"/> gets a temporary
    /// path beside the target and must create the file there; it is then renamed into place.
    /// </summary>
    public static void WriteVia(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = TemporaryPath(full);
        try
        {
            write(temporary);
            if (!File.Exists(temporary))
                throw new IOException($"Nothing was written for {path}.");
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

    /// <summary>A fresh temporary name beside <paramref name="fullPath"/>, recognised by <see cref="IsTemporary"/>.</summary>
    public static string TemporaryPath(string fullPath) => fullPath + TemporaryMarker + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Whether <paramref name="path"/> is a temporary file left by an interrupted write.</summary>
    public static bool IsTemporary(string path) => Path.GetFileName(path).Contains(TemporaryMarker, StringComparison.Ordinal);
}
